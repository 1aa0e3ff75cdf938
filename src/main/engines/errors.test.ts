// One error, two witnesses: the SDK's error object and s5cmd's error text for the same S3 answer
// must come out of the one table with the same class, the same RE code and the same fix.
import { describe, expect, it } from 'vitest'
import type { ErrorClass } from '../../shared/contract'
import { RUNTIME } from '../../shared/errors/table'
import { classifyError, describeError, isNotImplemented } from '../s3/errors'
import { describeS5cmdError, parseLine } from './s5cmd/parse'
import { recorded } from './s5cmd/recorded.fixture'

const sdk = (name: string, status?: number, message = `${name} message`, code?: string) => Object.assign(new Error(message), { name, code, $metadata: status ? { httpStatusCode: status } : {} })
const s5cmdLine = (error: string) => JSON.stringify({ operation: 'cp', command: 'cp s3://src/k s3://lake/k', error })

const cases: [string, ReturnType<typeof sdk>, string, ErrorClass, 'RE002' | 'RE003' | undefined][] = [
  ['AccessDenied', sdk('AccessDenied', 403, 'Access Denied'), recorded.accessDeniedError, 'permission', 'RE002'],
  ['AllAccessDisabled', sdk('AllAccessDisabled', 403), 'AllAccessDisabled: All access to this object has been disabled status code: 403, request id: x', 'permission', 'RE002'],
  ['AccountProblem', sdk('AccountProblem', 403), 'AccountProblem: There is a problem with your AWS account status code: 403', 'permission', 'RE002'],
  ['InvalidAccessKeyId', sdk('InvalidAccessKeyId', 403), 'InvalidAccessKeyId: The AWS Access Key Id you provided does not exist status code: 403', 'permission', 'RE002'],
  ['SignatureDoesNotMatch', sdk('SignatureDoesNotMatch', 403), 'SignatureDoesNotMatch: ... status code: 403', 'permission', 'RE002'],
  // No status on either side: the code alone must decide (the SDK side used not to know it).
  ['RequestLimitExceeded', sdk('RequestLimitExceeded'), 'RequestLimitExceeded: Request limit exceeded.', 'throttled', undefined],
  ['SlowDown', sdk('SlowDown', 503), 'SlowDown: Please reduce your request rate. status code: 503', 'throttled', undefined],
  ['ServiceUnavailable', sdk('ServiceUnavailable', 503), 'ServiceUnavailable: x status code: 503', 'throttled', undefined],
  ['NoSuchKey', sdk('NoSuchKey', 404, 'The specified key does not exist.'), JSON.parse(recorded.failNoSuchKey).error, 'not-found', undefined],
  ['NoSuchBucket', sdk('NoSuchBucket', 404, 'The specified bucket does not exist'), JSON.parse(recorded.failNoSuchBucket).error, 'other', undefined],
  ['connection refused', sdk('Error', undefined, 'connect ECONNREFUSED 127.0.0.1:4999', 'ECONNREFUSED'), JSON.parse(recorded.failConnRefused).error, 'network', 'RE003'],
  ['RequestTimeout', sdk('RequestTimeout', 400), 'RequestTimeout: Your socket connection to the server was not read from or written to within the timeout period. status code: 400', 'network', 'RE003'],
]

describe('the error table, fed by the SDK and by s5cmd', () => {
  it.each(cases)('%s: same class, RE code and fix from both', (_, err, text, cls, re) => {
    const ev = parseLine(s5cmdLine(text), 'stderr')
    expect(ev).toMatchObject({ kind: 'failure', errorClass: cls })
    expect(classifyError(err)).toBe(cls)
    const fromSdk = describeError(err, 'lake')
    const fromS5cmd = describeS5cmdError(text)
    for (const said of [fromSdk, fromS5cmd]) {
      if (re) expect(said).toContain(`(${re}: ${RUNTIME[re].message}`)
      if (re) expect(said).toContain(RUNTIME[re].fix)
      else expect(said).not.toMatch(/RE00\d/)
    }
    if (re === 'RE002') expect(fromSdk).toMatch(/RE002: access denied on lake;/)
  })

  it('a missing bucket says so from both sides, with the fix', () => {
    expect(describeError(sdk('NoSuchBucket', 404, 'The specified bucket does not exist'))).toBe('NoSuchBucket: The specified bucket does not exist (a bucket in this copy does not exist: check the bucket names)')
    expect(describeS5cmdError(JSON.parse(recorded.failNoSuchBucket).error)).toMatch(/status code: 404, request id: , host id: \(a bucket in this copy does not exist: check the bucket names\)$/)
  })

  it('what the table does not know is the witness\'s own class: other for the SDK, s5cmd for s5cmd', () => {
    const text = 'EntityTooLarge: Your proposed upload exceeds the maximum allowed size status code: 400'
    expect(classifyError(sdk('EntityTooLarge', 400))).toBe('other')
    expect(parseLine(s5cmdLine(text))).toMatchObject({ kind: 'failure', errorClass: 's5cmd' })
    expect(describeS5cmdError(text)).toContain('objects over 5 GB need a multipart copy')
    expect(classifyError(sdk('InternalError', 500, 'We encountered an internal error.'))).toBe('other')
  })

  it('Node socket errors and stream cuts are network (RE003), whatever their name', () => {
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE']) expect(classifyError(Object.assign(new Error('x'), { code }))).toBe('network')
    expect(classifyError(new Error('socket hang up'))).toBe('network')
    expect(classifyError(new Error('Premature close'))).toBe('network')
    expect(classifyError({ name: 'TimeoutError', message: 'Connection timed out after 1000 ms' })).toBe('network')
    expect(describeError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(`ECONNRESET: read ECONNRESET (RE003: ${RUNTIME.RE003.message}; ${RUNTIME.RE003.fix})`)
  })

  it('a bare HTTP status classifies what has no code: 403, 404, 429/503', () => {
    expect(classifyError(sdk('UnknownError', 403))).toBe('permission')
    expect(classifyError(sdk('UnknownError', 404))).toBe('not-found')
    expect(classifyError(sdk('UnknownError', 429))).toBe('throttled')
    expect(classifyError(sdk('UnknownError', 503))).toBe('throttled')
    expect(classifyError('a string')).toBe('other')
    expect(classifyError(undefined)).toBe('other')
  })

  it('a service that lacks the operation (s3rver and UploadPartCopy: 501 NotImplemented) is told apart from a failure', () => {
    expect(isNotImplemented(sdk('NotImplemented', 501, 'A header you provided implies functionality that is not implemented'))).toBe(true)
    expect(isNotImplemented(sdk('MethodNotAllowed', 405))).toBe(true)
    expect(isNotImplemented(sdk('UnknownError', 501))).toBe(true)
    expect(isNotImplemented(sdk('AccessDenied', 403))).toBe(false)
    expect(isNotImplemented(sdk('InternalError', 500))).toBe(false)
  })
})
