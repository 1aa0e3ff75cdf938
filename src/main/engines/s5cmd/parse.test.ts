import { describe, expect, it } from 'vitest'
import { classifyS5cmdError, describeS5cmdError, parseLine, splitCommand } from './parse'
import { recorded } from './recorded.fixture'

describe('parseLine on the lines recorded from s5cmd 2.2.2', () => {
  it('success (stdout, s3→s3 carries no size)', () => {
    expect(parseLine(recorded.success)).toEqual({ kind: 'success', operation: 'cp', source: 's3://src/data/a/f1.bin', destination: 's3://dst/x/f1.bin' })
  })

  it('skip: a debug-level line with `job`, not `command`', () => {
    expect(parseLine(recorded.skipSizeMatches)).toEqual({
      kind: 'skip',
      operation: 'cp',
      job: 'cp s3://src/data/a/f1.bin s3://dst/x/f1.bin',
      reason: 'object size matches',
    })
  })

  it.each(recorded.otherSkipTexts)('skip text %s', (text) => {
    const line = JSON.stringify({ operation: 'cp', job: 'cp s3://a/k s3://b/k', error: text })
    expect(parseLine(line)).toMatchObject({ kind: 'skip', reason: text })
  })

  it('retry notice has no operation and names no object', () => {
    expect(parseLine(recorded.retryTemplate)).toEqual({ kind: 'retry', error: 'retryable error: <aws error>' })
  })

  it('failure NoSuchKey (stderr, key `command`)', () => {
    expect(parseLine(recorded.failNoSuchKey, 'stderr')).toEqual({
      kind: 'failure',
      operation: 'cp',
      command: 'cp s3://src/data/a/nope.bin s3://dst/x/nope.bin',
      error: 'NoSuchKey: The specified key does not exist. status code: 404, request id: , host id:',
      errorClass: 'not-found',
    })
  })

  it('failure NoSuchBucket is class other, with a clear message', () => {
    const ev = parseLine(recorded.failNoSuchBucket, 'stderr')
    expect(ev).toMatchObject({ kind: 'failure', command: 'cp s3://src/data/a/f1.bin s3://nobucket/x/f1.bin', errorClass: 'other' })
    if (ev?.kind !== 'failure') throw new Error('unreachable')
    expect(describeS5cmdError(ev.error, ev.errorClass)).toMatch(/bucket .*does not exist: check the bucket names/)
  })

  it('failure RequestError / connection refused is network (RE003)', () => {
    const ev = parseLine(recorded.failConnRefused, 'stderr')
    expect(ev).toMatchObject({ kind: 'failure', errorClass: 'network' })
    if (ev?.kind !== 'failure') throw new Error('unreachable')
    expect(ev.error).toContain('Head "http://127.0.0.1:4999/src/data/a/f1.bin"')
    expect(describeS5cmdError(ev.error, ev.errorClass)).toContain('RE003')
  })

  it('AccessDenied is permission (RE002)', () => {
    const line = JSON.stringify({ operation: 'cp', command: 'cp s3://a/k s3://b/k', error: recorded.accessDeniedError })
    const ev = parseLine(line, 'stderr')
    expect(ev).toMatchObject({ kind: 'failure', errorClass: 'permission' })
    expect(describeS5cmdError(recorded.accessDeniedError)).toContain('RE002')
  })

  it('bad batch line: operation run, line number kept', () => {
    expect(parseLine(recorded.badBatchLine, 'stderr')).toEqual({
      kind: 'bad-line',
      command: 'run b7.txt',
      error: '"bogus" command (line: 0) not found',
      line: 0,
    })
  })

  it('"run" inside run is a bad line too', () => {
    const line = JSON.stringify({ operation: 'run', command: 'run', error: '"run" command (line: 3) is not permitted in run-mode' })
    expect(parseLine(line)).toMatchObject({ kind: 'bad-line', line: 3 })
  })

  it('--stat summary: success is a count, not a boolean', () => {
    expect(parseLine(recorded.stat)).toEqual({ kind: 'stat', operation: 'cp', success: 2, error: 0 })
  })

  it('an ls line is unknown to the copy parser, not an error', () => {
    expect(parseLine(recorded.ls)).toMatchObject({ kind: 'unknown' })
  })
})

describe('parseLine never throws', () => {
  it.each([
    ['{', 'not JSON'],
    ['ERROR "cp s3://a/b s3://c/d": boom', 'not JSON'],
    ['[1,2]', 'not a JSON object'],
    ['null', 'not a JSON object'],
    ['42', 'not a JSON object'],
    ['{"operation":"cp","success":true}', 'success without source and destination'],
    ['{"foo":1}', 'no success and no error'],
    ['{"operation":"cp","job":"cp s3://a s3://b","error":"something new"}', 'debug line with an unexpected error text'],
  ])('%s → unknown (%s)', (line, why) => {
    expect(parseLine(line)).toEqual({ kind: 'unknown', line, why })
  })

  it('blank lines are nothing', () => {
    expect(parseLine('')).toBeNull()
    expect(parseLine('   \r')).toBeNull()
  })

  it('a run-level error without a line number is a run error', () => {
    expect(parseLine('{"operation":"run","command":"run","error":"unexpected EOF"}')).toMatchObject({ kind: 'error', errorClass: 'network' })
  })
})

describe('classifyS5cmdError', () => {
  it.each([
    ['AccessDenied: Access Denied status code: 403, request id: x', 'permission'],
    ['InvalidAccessKeyId: The AWS Access Key Id you provided does not exist status code: 403', 'permission'],
    ['SignatureDoesNotMatch: ... status code: 403', 'permission'],
    ['RequestError: send request failed caused by: Put "http://x": dial tcp 1.2.3.4:80: i/o timeout', 'network'],
    ['RequestError: send request failed caused by: Head "http://x": read: connection reset by peer', 'network'],
    ['connection refused', 'network'],
    ['NoSuchKey: The specified key does not exist. status code: 404', 'not-found'],
    ['SlowDown: Please reduce your request rate. status code: 503', 'throttled'],
    ['ServiceUnavailable: x status code: 503', 'throttled'],
    ['NoSuchBucket: The specified bucket does not exist status code: 404', 'other'],
    ['EntityTooLarge: Your proposed upload exceeds the maximum allowed size status code: 400', 's5cmd'],
    ['something odd', 's5cmd'],
  ])('%s → %s', (text, cls) => {
    expect(classifyS5cmdError(text)).toBe(cls)
  })
})

describe('splitCommand', () => {
  const pairs = new Set(['s3://src/a b.zip\ns3://dst/x/a b.zip', 's3://src/k\ns3://dst/k'])
  const known = (s: string, d: string) => pairs.has(`${s}\n${d}`)

  it('uses the known pairs, so a space inside a key is not taken for the separator', () => {
    expect(splitCommand('cp s3://src/a b.zip s3://dst/x/a b.zip', known)).toEqual({ operation: 'cp', source: 's3://src/a b.zip', destination: 's3://dst/x/a b.zip' })
  })

  it('a key containing " s3://" still resolves to the known pair', () => {
    const p = new Set(['s3://src/odd s3://x\ns3://dst/odd s3://x'])
    expect(splitCommand('cp s3://src/odd s3://x s3://dst/odd s3://x', (s, d) => p.has(`${s}\n${d}`))).toMatchObject({
      source: 's3://src/odd s3://x',
      destination: 's3://dst/odd s3://x',
    })
  })

  it('skips the --flag=value tokens of commandFromContext()', () => {
    expect(splitCommand('cp --raw=true --source-region=eu-west-1 s3://src/k s3://dst/k', known)).toMatchObject({ source: 's3://src/k', destination: 's3://dst/k' })
  })

  it('falls back to the first split when nothing is known, null when there is nothing to split', () => {
    expect(splitCommand('cp s3://a/1 s3://b/2', () => false)).toEqual({ operation: 'cp', source: 's3://a/1', destination: 's3://b/2' })
    expect(splitCommand('cp', known)).toBeNull()
    expect(splitCommand('cp onlyone', known)).toBeNull()
  })
})
