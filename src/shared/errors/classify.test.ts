import { describe, expect, it } from 'vitest'
import { classifyFacts, explain, notAttemptedAfterDenied, troubleshoot } from './classify'
import { ERROR_CLASSES, ERROR_CODES, RUNTIME, TROUBLESHOOTING } from './table'

describe('classifyFacts', () => {
  it('a known code decides before the status, the status before the text, the text before the fallback', () => {
    expect(classifyFacts({ codes: ['NoSuchBucket'], status: 404 })).toMatchObject({ errorClass: 'other', code: 'NoSuchBucket' })
    expect(classifyFacts({ codes: ['Whatever'], status: 403, text: 'connection refused' }).errorClass).toBe('permission')
    expect(classifyFacts({ codes: [], text: 'dial tcp 127.0.0.1:1: connect: connection refused' }).errorClass).toBe('network')
    expect(classifyFacts({ codes: [], text: 'odd' }, 's5cmd').errorClass).toBe('s5cmd')
    expect(classifyFacts({ codes: [undefined, 'ECONNRESET'] })).toMatchObject({ errorClass: 'network', code: 'ECONNRESET' })
  })

  it('a row without a class (EntityTooLarge) keeps the fix but takes the status or the fallback', () => {
    const c = classifyFacts({ codes: ['EntityTooLarge'], status: 400 }, 's5cmd')
    expect(c).toMatchObject({ errorClass: 's5cmd', code: 'EntityTooLarge' })
    expect(explain('EntityTooLarge: too big', c)).toBe('EntityTooLarge: too big (objects over 5 GB need a multipart copy: use the SDK engine)')
  })

  it('prototype names are not codes', () => {
    expect(classifyFacts({ codes: ['constructor', 'toString'] })).toEqual({ errorClass: 'other', code: undefined, row: undefined, unsupported: false })
  })
})

describe('explain', () => {
  it('RE002 names the bucket and the fix, once worded', () => {
    const said = explain('AccessDenied: Access Denied', classifyFacts({ codes: ['AccessDenied'] }), 'lake')
    expect(said).toBe(`AccessDenied: Access Denied (RE002: access denied on lake; ${RUNTIME.RE002.fix})`)
    expect(notAttemptedAfterDenied('lake')).toBe(`not attempted: stopped after AccessDenied on lake (RE002: ${RUNTIME.RE002.fix})`)
  })
  it('RE003 for network, nothing added where the table knows nothing', () => {
    expect(explain('x', classifyFacts({ codes: ['RequestError'] }))).toBe(`x (RE003: network connectivity; ${RUNTIME.RE003.fix})`)
    expect(explain('InternalError: boom', classifyFacts({ codes: ['InternalError'], status: 500 }))).toBe('InternalError: boom')
  })
})

describe('troubleshoot (the pre-flight names)', () => {
  it.each([
    [{ codes: ['CredentialsProviderError'] }, '', 'NoCredentials'],
    [{ codes: ['Error'] }, 'Could not load credentials from any providers', 'NoCredentials'],
    [{ codes: ['NotFound'], status: 404 }, '', 'NoSuchBucket'],
    [{ codes: ['SignatureDoesNotMatch'], status: 403 }, '', 'InvalidAccessKeyId'],
    [{ codes: ['Nope'], status: 403 }, '', 'AccessDenied'],
    [{ codes: ['ENOTFOUND'] }, '', 'EndpointConnectionError'],
    [{ codes: ['SlowDown'], status: 503 }, '', 'Unknown'],
  ] as const)('%o %s → %s', (facts, text, code) => {
    expect(troubleshoot(classifyFacts(facts), text)).toEqual({ code, fix: TROUBLESHOOTING[code] })
  })
})

describe('the table', () => {
  it('every class has a title and a fix; only permission stops fallback and carries RE002', () => {
    for (const [cls, info] of Object.entries(ERROR_CLASSES)) {
      expect(info.title.length, cls).toBeGreaterThan(0)
      expect(info.fix, cls).toMatch(/^[A-Z].*\.$/)
    }
    expect(Object.entries(ERROR_CLASSES).filter(([, i]) => i.code === 'RE002').map(([c]) => c)).toEqual(['permission'])
    expect(ERROR_CLASSES.permission).toMatchObject({ retryable: false, fallback: false })
    expect(ERROR_CLASSES.network).toMatchObject({ code: 'RE003', retryable: true, fallback: true })
  })
  it('every pre-flight fix is a sentence', () => {
    for (const fix of Object.values(TROUBLESHOOTING)) expect(fix).toMatch(/^[A-Z].*\.$/)
  })
  it('knows every code any of the former classifiers knew', () => {
    const known = ['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AllAccessDisabled', 'AccountProblem', 'Forbidden', 'NoSuchKey', 'NotFound', 'NoSuchBucket', 'SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequests', 'ChecksumMismatch', 'RequestTimeout', 'RequestError', 'TimeoutError', 'CredentialsProviderError', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']
    expect(known.filter((c) => !Object.hasOwn(ERROR_CODES, c))).toEqual([])
  })
})
