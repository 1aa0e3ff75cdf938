import { describe, expect, it } from 'vitest'
import { appendSample, EMPTY_SERIES } from './throughput-series'

const snap = (sec: number, bps = 100, ops = 1) => ({ at: sec * 1000, bytesPerSec: bps, objectsPerSec: ops })

describe('appendSample', () => {
  it('appends in seconds', () => {
    const s = appendSample(EMPTY_SERIES, snap(10, 5, 2))
    expect(s).toEqual({ t: [10], bytesPerSec: [5], objectsPerSec: [2], inFlight: [0] })
  })
  it('ignores samples that are not newer', () => {
    const s = appendSample(appendSample(EMPTY_SERIES, snap(10)), snap(10))
    expect(s.t).toEqual([10])
  })
  it('keeps only the window', () => {
    let s = EMPTY_SERIES
    for (let i = 0; i < 20; i += 1) s = appendSample(s, snap(i), 5)
    expect(s.t).toEqual([14, 15, 16, 17, 18, 19])
    expect(s.bytesPerSec).toHaveLength(6)
  })
  it('carries the in-flight gauge beside the rates', () => {
    expect(appendSample(EMPTY_SERIES, { ...snap(1), inFlight: 12 }).inFlight).toEqual([12])
  })
  it('clamps negative rates to zero', () => {
    expect(appendSample(EMPTY_SERIES, snap(1, -3, -1)).bytesPerSec).toEqual([0])
  })
})
