import { describe, expect, it } from 'vitest'
import type { CopyTask } from '../types'
import { parseLine, type S5cmdEvent } from './parse'
import { BatchReconciler, CANCELLED_REASON, NO_REPORT_REASON, reconcile } from './reconcile'
import { recorded } from './recorded.fixture'

const opts = { sourceBucket: 'src', destinationBucket: 'dst' }
const t = (id: number, name: string, size = 100): CopyTask => ({ id, sourceKey: `data/a/${name}`, destKey: `x/${name}`, size })
const evs = (...lines: string[]): S5cmdEvent[] => lines.map((l) => parseLine(l)!).filter(Boolean)

function sumsUp(r: ReturnType<typeof reconcile>, n: number): void {
  expect(r.results).toHaveLength(n)
  expect(r.counts.synced + r.counts.skipped + r.counts.failed).toBe(n)
  expect(new Set(r.results.map((x) => x.id)).size).toBe(n)
}

describe('reconcile with recorded lines', () => {
  it('success, skip, failure: each task settled by its own line, whatever the order', () => {
    const tasks = [t(1, 'f1.bin', 1048576), t(2, 'nope.bin')]
    // The skip and success lines name the same pair; here the skip is the answer for f1.
    const r = reconcile(tasks, evs(recorded.failNoSuchKey, recorded.skipSizeMatches, recorded.retryTemplate), { exitCode: 1 }, opts)
    sumsUp(r, 2)
    expect(r.results[0]).toEqual({ id: 1, outcome: 'skipped', engine: 's5cmd', bytes: 1048576, reason: 'object size matches' })
    expect(r.results[1]).toMatchObject({ id: 2, outcome: 'failed', errorClass: 'not-found', bytes: 0 })
    expect(r.retries).toBe(1)
  })

  it('success carries no size: bytes come from the task', () => {
    const r = reconcile([t(7, 'f1.bin', 1048576)], evs(recorded.success), { exitCode: 0 }, opts)
    expect(r.results).toEqual([{ id: 7, outcome: 'synced', engine: 's5cmd', bytes: 1048576 }])
  })

  it('exit 0 with a refused batch line: its task is not done; "(line: N)" is not trusted to name it', () => {
    const tasks = [t(1, 'bogus.bin'), t(2, 'f1.bin')]
    const r = reconcile(tasks, evs(recorded.success, recorded.badBatchLine), { exitCode: 0 }, opts)
    sumsUp(r, 2)
    expect(r.results[0]).toMatchObject({
      id: 1,
      outcome: 'failed',
      errorClass: 's5cmd',
      reason: `${NO_REPORT_REASON} (s5cmd: refused a batch line: "bogus" command (line: 0) not found)`,
    })
    expect(r.results[1]).toMatchObject({ id: 2, outcome: 'synced' })
    expect(r.anomalies).toContain('s5cmd refused a batch line: "bogus" command (line: 0) not found')
  })

  it('a task s5cmd never mentioned is failed, even on exit 0', () => {
    const tasks = [t(1, 'f1.bin'), t(2, 'quiet.bin')]
    const r = reconcile(tasks, evs(recorded.success), { exitCode: 0 }, opts)
    sumsUp(r, 2)
    expect(r.results[1]).toEqual({ id: 2, outcome: 'failed', engine: 's5cmd', bytes: 0, reason: NO_REPORT_REASON, errorClass: 's5cmd' })
    expect(r.anomalies).toContain('s5cmd exited 0 but never mentioned 1 of 2 objects')
  })

  it('a non-zero exit with unaccounted tasks says so in the reason', () => {
    const r = reconcile([t(1, 'f1.bin')], evs('{"operation":"run","command":"run","error":"EOF found when expecting closing quote"}'), { exitCode: 1 }, opts)
    expect(r.results[0]!.reason).toBe(`${NO_REPORT_REASON} (s5cmd exited with code 1; s5cmd: EOF found when expecting closing quote)`)
  })

  it('cancelled: unsettled tasks are "cancelled" (class other); settled ones keep their result', () => {
    const r = reconcile([t(1, 'f1.bin'), t(2, 'b.bin')], evs(recorded.success), { cancelled: true, signal: 'SIGTERM' }, opts)
    expect(r.results.map((x) => [x.outcome, x.reason, x.errorClass])).toEqual([
      ['synced', undefined, undefined],
      ['failed', CANCELLED_REASON, 'other'],
    ])
  })

  it('malformed and foreign lines are recorded, never settle a task', () => {
    const foreign = JSON.stringify({ operation: 'cp', success: true, source: 's3://src/other', destination: 's3://dst/other' })
    const r = reconcile([t(1, 'f1.bin')], evs('garbage', foreign, recorded.success, recorded.success, recorded.stat), { exitCode: 0 }, opts)
    sumsUp(r, 1)
    expect(r.results[0]!.outcome).toBe('synced')
    expect(r.anomalies).toEqual([
      'unrecognised s5cmd line (not JSON): garbage',
      'success line for an object not in this batch: s3://src/other → s3://dst/other',
      'success line for an object already settled: s3://src/data/a/f1.bin → s3://dst/x/f1.bin',
    ])
  })

  it('errors under `command` and skips under `job` both resolve keys with spaces', () => {
    const tasks: CopyTask[] = [
      { id: 1, sourceKey: 'a b/c d.zip', destKey: 'x/a b/c d.zip', size: 5 },
      { id: 2, sourceKey: 'e f.zip', destKey: 'x/e f.zip', size: 6 },
    ]
    const r = reconcile(
      tasks,
      [
        { kind: 'failure', operation: 'cp', command: 'cp s3://src/a b/c d.zip s3://dst/x/a b/c d.zip', error: 'NoSuchKey: x', errorClass: 'not-found' },
        { kind: 'skip', operation: 'cp', job: 'cp s3://src/e f.zip s3://dst/x/e f.zip', reason: 'object already exists' },
      ],
      { exitCode: 1 },
      opts,
    )
    expect(r.results.map((x) => x.outcome)).toEqual(['failed', 'skipped'])
  })

  it('large unordered batch: counts add up, each result once', () => {
    const tasks = Array.from({ length: 500 }, (_, i) => t(i, `f${i}.bin`, i))
    const lines: string[] = []
    for (const task of tasks) {
      const src = `s3://src/${task.sourceKey}`
      const dst = `s3://dst/${task.destKey}`
      if (task.id % 7 === 0) lines.push(JSON.stringify({ operation: 'cp', command: `cp ${src} ${dst}`, error: 'SlowDown: slow status code: 503' }))
      else if (task.id % 5 === 0) lines.push(JSON.stringify({ operation: 'cp', job: `cp ${src} ${dst}`, error: 'object is newer or same age' }))
      else if (task.id % 11 !== 0) lines.push(JSON.stringify({ operation: 'cp', success: true, source: src, destination: dst }))
    }
    lines.sort(() => Math.random() - 0.5)
    const r = reconcile(tasks, evs(...lines), { exitCode: 1 }, opts)
    sumsUp(r, 500)
    const unmentioned = tasks.filter((x) => x.id % 7 !== 0 && x.id % 5 !== 0 && x.id % 11 === 0).length
    expect(r.results.filter((x) => x.reason?.startsWith(NO_REPORT_REASON))).toHaveLength(unmentioned)
    expect(r.results.filter((x) => x.errorClass === 'throttled')).toHaveLength(tasks.filter((x) => x.id % 7 === 0).length)
  })
})

describe('BatchReconciler (live)', () => {
  it('accept returns the result that a line makes final, once', () => {
    const rec = new BatchReconciler([t(1, 'f1.bin')], opts)
    expect(rec.accept(parseLine(recorded.success)!)).toMatchObject([{ id: 1, outcome: 'synced' }])
    expect(rec.accept(parseLine(recorded.success)!)).toEqual([])
    expect(rec.finish({ exitCode: 0 })).toEqual([])
    expect(rec.settledCount).toBe(1)
  })
})

describe('wildcard lines', () => {
  const tasks = [t(1, 'a-1.zip'), t(2, 'a-2.zip'), t(3, 'a-3.zip')]
  const units = [{ text: '', tasks, wildcard: { source: 's3://src/data/a/a-*', destination: 's3://dst/x/' } }]

  it('each object a wildcard copied settles its own task', () => {
    const rec = new BatchReconciler(tasks, opts, units)
    const ok = '{"operation":"cp","success":true,"source":"s3://src/data/a/a-2.zip","destination":"s3://dst/x/a-2.zip","object":{"key":"s3://dst/x/a-2.zip","type":"file"}}'
    expect(rec.accept(parseLine(ok)!)).toMatchObject([{ id: 2, outcome: 'synced', bytes: 100 }])
  })

  it('the line\'s own error (its listing failed, as real s5cmd prints it) fails every task it has not copied', () => {
    const rec = new BatchReconciler(tasks, opts, units)
    const ok = '{"operation":"cp","success":true,"source":"s3://src/data/a/a-1.zip","destination":"s3://dst/x/a-1.zip","object":{"key":"s3://dst/x/a-1.zip","type":"file"}}'
    rec.accept(parseLine(ok)!)
    const failed = rec.accept(parseLine('{"operation":"cp","command":"cp s3://src/data/a/a-* s3://dst/x/","error":"AccessDenied: Access Denied status code: 403, request id: , host id:"}', 'stderr')!)
    expect(failed.map((r) => [r.id, r.outcome, r.errorClass])).toEqual([
      [2, 'failed', 'permission'],
      [3, 'failed', 'permission'],
    ])
    expect(rec.finish({ exitCode: 1 })).toEqual([])
  })
})
