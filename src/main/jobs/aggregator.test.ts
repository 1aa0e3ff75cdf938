import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobEvent, Snapshot, TaskResult } from '../../shared/contract'
import { ProgressAggregator } from './aggregator'

type SnapshotEvent = Extract<JobEvent, { type: 'snapshot' }>
type BatchEvent = Extract<JobEvent, { type: 'task-batch' }>

/** An aggregator on a fake clock (vi fake timers drive both setInterval and the injected now). */
function setup(total = { objects: 10_000, bytes: 10_000_000 }, intervalMs = 1000) {
  const events: JobEvent[] = []
  const agg = new ProgressAggregator('job-1', total, (e) => events.push(e), intervalMs, () => Date.now())
  const snapshots = () => events.filter((e): e is SnapshotEvent => e.type === 'snapshot').map((e) => e.snapshot)
  const batches = () => events.filter((e): e is BatchEvent => e.type === 'task-batch')
  return { agg, events, snapshots, batches }
}

const synced = (id: number, bytes = 1000): TaskResult => ({ id, outcome: 'synced', bytes, engine: 's5cmd' })

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2024-06-01T00:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('ProgressAggregator — coalescing', () => {
  it('10,000 results within one interval → ONE task-batch and ONE snapshot', () => {
    const { agg, events, snapshots, batches } = setup()
    agg.start()
    for (let i = 0; i < 10_000; i++) agg.record(synced(i))
    expect(events).toHaveLength(0) // nothing is sent per file
    vi.advanceTimersByTime(1000)
    expect(events.map((e) => e.type)).toEqual(['task-batch', 'snapshot'])
    expect(batches()[0].results).toHaveLength(10_000)
    expect(batches()[0].results[9_999].id).toBe(9_999)
    expect(batches()[0].jobId).toBe('job-1')
    const [s] = snapshots()
    expect(s.done).toEqual({ objects: 10_000, bytes: 10_000_000, synced: 10_000, skipped: 0, failed: 0 })
    expect(s.etaSeconds).toBe(0)
    agg.stop()
  })

  it('an interval with no new results sends a snapshot but no empty task-batch', () => {
    const { agg, events } = setup()
    agg.start()
    vi.advanceTimersByTime(1000)
    expect(events.map((e) => e.type)).toEqual(['snapshot'])
    agg.stop()
  })

  it('at most one snapshot per interval over a simulated run, and every result delivered once', () => {
    const { agg, snapshots, batches } = setup({ objects: 5_000, bytes: 5_000_000 })
    agg.start()
    let id = 0
    // 10 s of work: 5 results every 10 ms (500 files/s), the clock moving in small steps.
    for (let step = 0; step < 1000; step++) {
      for (let k = 0; k < 5; k++) agg.record(synced(id++))
      vi.advanceTimersByTime(10)
    }
    const final = agg.stop()
    const snaps = snapshots()
    // 10 interval ticks + the final flush.
    expect(snaps).toHaveLength(11)
    const timed = snaps.slice(0, -1)
    for (let i = 1; i < timed.length; i++) expect(timed[i].at - timed[i - 1].at).toBeGreaterThanOrEqual(1000)
    expect(snaps.length).toBeLessThanOrEqual(10_000 / 1000 + 1)
    const delivered = batches().flatMap((b) => b.results.map((r) => r.id))
    expect(delivered).toHaveLength(5_000)
    expect(new Set(delivered).size).toBe(5_000)
    expect(final.done.objects).toBe(5_000)
  })

  it('the rate settles on the real throughput and the ETA follows from it', () => {
    const { agg, snapshots } = setup({ objects: 1_000, bytes: 1_000_000 })
    agg.start()
    let id = 0
    // 100 files of 1000 B per second, for 4 s.
    for (let s = 0; s < 4; s++) {
      for (let k = 0; k < 100; k++) agg.record(synced(id++))
      vi.advanceTimersByTime(1000)
    }
    const last = snapshots().at(-1)!
    expect(last.instantObjectsPerSec).toBe(100)
    expect(last.instantBytesPerSec).toBe(100_000)
    expect(last.objectsPerSec).toBeCloseTo(100, 10)
    expect(last.bytesPerSec).toBeCloseTo(100_000, 6)
    expect(last.etaSeconds).toBeCloseTo(600_000 / 100_000, 6)
    expect(last.elapsedMs).toBe(4000)
    agg.stop()
  })
})

describe('ProgressAggregator — rebase', () => {
  it('objects already at the destination do not count as speed', () => {
    const { agg, snapshots } = setup({ objects: 1_010, bytes: 1_000_010_000 })
    // Pre-skipped by the plan: a thousand 1 MB files, recorded before the transfer starts.
    for (let i = 0; i < 1_000; i++) agg.record({ id: i, outcome: 'skipped', bytes: 1_000_000 })
    vi.advanceTimersByTime(5_000) // time passes while the engine starts
    agg.start() // rebases
    for (let i = 1_000; i < 1_010; i++) agg.record(synced(i, 100))
    vi.advanceTimersByTime(1000)
    const [s] = snapshots()
    expect(s.instantObjectsPerSec).toBe(10)
    expect(s.instantBytesPerSec).toBe(1000)
    expect(s.objectsPerSec).toBe(10)
    expect(s.bytesPerSec).toBe(1000)
    // ...but they do count as done.
    expect(s.done).toEqual({ objects: 1_010, bytes: 1_000_001_000, synced: 10, skipped: 1_000, failed: 0 })
    agg.stop()
  })

  it('an explicit rebase() mid-run restarts the rate window from the current counts', () => {
    const { agg, snapshots } = setup({ objects: 100, bytes: 100_000 })
    agg.start()
    // Results found to be already there after the start, then a rebase before the next tick.
    for (let i = 0; i < 50; i++) agg.record({ id: i, outcome: 'skipped', bytes: 1000 })
    agg.rebase()
    vi.advanceTimersByTime(1000)
    const [s] = snapshots()
    expect(s.done.objects).toBe(50)
    expect(s.instantObjectsPerSec).toBe(0)
    expect(s.instantBytesPerSec).toBe(0)
    agg.stop()
  })

  it('without a rebase the same results do count as speed (control)', () => {
    const { agg, snapshots } = setup({ objects: 100, bytes: 100_000 })
    agg.start()
    for (let i = 0; i < 50; i++) agg.record({ id: i, outcome: 'skipped', bytes: 1000 })
    vi.advanceTimersByTime(1000)
    expect(snapshots()[0].instantObjectsPerSec).toBe(50)
    agg.stop()
  })
})

describe('ProgressAggregator — stop', () => {
  it('stop() flushes the last results so the final snapshot equals what was recorded', () => {
    const { agg, events, snapshots, batches } = setup({ objects: 10, bytes: 10_000 })
    agg.start()
    agg.started([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    for (let i = 0; i < 4; i++) agg.record(synced(i))
    vi.advanceTimersByTime(1000)
    agg.record(synced(4))
    agg.record(synced(5))
    agg.record({ id: 6, outcome: 'skipped', bytes: 1000, reason: 'already there' })
    agg.record({ id: 7, outcome: 'failed', bytes: 1000, errorClass: 'network', reason: 'timeout' })
    agg.record({ id: 8, outcome: 'failed', bytes: 0, errorClass: 'permission' })
    vi.advanceTimersByTime(400) // mid-interval: nothing sent yet
    expect(snapshots()).toHaveLength(1)
    const final = agg.stop()
    expect(final.done).toEqual({ objects: 9, bytes: 7_000, synced: 6, skipped: 1, failed: 2 })
    expect(snapshots().at(-1)).toEqual(final)
    expect(batches().flatMap((b) => b.results.map((r) => r.id))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(events.at(-1)!.type).toBe('snapshot')
    expect(final.inFlight).toBe(1) // id 9 started, never finished
    expect(final.total).toEqual({ objects: 10, bytes: 10_000 })
    // After stop the clock is silent.
    const count = events.length
    vi.advanceTimersByTime(10_000)
    expect(events).toHaveLength(count)
  })

  it('stop() before any tick still reports every result', () => {
    const { agg, snapshots, batches } = setup({ objects: 3, bytes: 3000 })
    agg.start()
    for (let i = 0; i < 3; i++) agg.record(synced(i))
    const final = agg.stop()
    expect(snapshots()).toHaveLength(1)
    expect(batches()).toHaveLength(1)
    expect(final.done.objects).toBe(3)
    expect(final.etaSeconds).toBe(0)
  })
})

describe('ProgressAggregator — snapshot fields', () => {
  it('reports in-flight tasks, the engine and the job id', () => {
    const { agg } = setup({ objects: 5, bytes: 5000 })
    agg.engine = 'sdk-copy'
    agg.started([1, 2, 3])
    agg.record(synced(2))
    const s: Snapshot = agg.snapshot()
    expect(s.inFlight).toBe(2)
    expect(s.engine).toBe('sdk-copy')
    expect(s.jobId).toBe('job-1')
    expect(s.etaSeconds).toBeNull() // no rate yet
  })
})
