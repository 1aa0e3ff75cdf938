import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../shared/contract'
import { isActive, isTerminal, reduceJobEvent, startJob } from './job-view'

const snapshot = (at: number, doneObjects: number): Snapshot => ({
  jobId: 'j1',
  at,
  elapsedMs: at,
  total: { objects: 10, bytes: 1000 },
  done: { objects: doneObjects, bytes: doneObjects * 100, synced: doneObjects, skipped: 0, failed: 0 },
  bytesPerSec: 100,
  objectsPerSec: 1,
  instantBytesPerSec: 100,
  instantObjectsPerSec: 1,
  etaSeconds: 10 - doneObjects,
  inFlight: 2,
  engine: 'sdk-copy',
})

describe('reduceJobEvent', () => {
  it('ignores other jobs', () => {
    const v = startJob('j1')
    expect(reduceJobEvent(v, { type: 'state', jobId: 'j2', state: 'running' })).toBe(v)
  })
  it('keeps the latest snapshot and feeds the chart', () => {
    let v = startJob('j1')
    v = reduceJobEvent(v, { type: 'snapshot', jobId: 'j1', snapshot: snapshot(2000, 2) })
    v = reduceJobEvent(v, { type: 'snapshot', jobId: 'j1', snapshot: snapshot(1000, 1) })
    expect(v.snapshot?.done.objects).toBe(2)
    expect(v.series.t).toEqual([2])
  })
  it('treats terminal states as final', () => {
    let v = startJob('j1')
    v = reduceJobEvent(v, { type: 'state', jobId: 'j1', state: 'completed' })
    v = reduceJobEvent(v, { type: 'state', jobId: 'j1', state: 'running' })
    expect(v.state).toBe('completed')
    expect(isTerminal(v.state)).toBe(true)
    expect(isActive(v.state)).toBe(false)
  })
  it('keeps a bounded log without debug lines', () => {
    let v = startJob('j1')
    for (let i = 0; i < 60; i += 1) v = reduceJobEvent(v, { type: 'log', jobId: 'j1', level: 'info', message: `m${i}` })
    v = reduceJobEvent(v, { type: 'log', jobId: 'j1', level: 'debug', message: 'noise' })
    expect(v.log).toHaveLength(50)
    expect(v.log.at(-1)?.message).toBe('m59')
  })
})
