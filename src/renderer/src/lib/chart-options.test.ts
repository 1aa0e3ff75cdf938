import { describe, expect, it } from 'vitest'
import { chartOptions, timeWindow, toAlignedData } from './chart-options'

describe('timeWindow', () => {
  it('shows at least a minute ending at the last sample', () => {
    expect(timeWindow([1000])).toEqual([940, 1000])
    expect(timeWindow([1000, 1010])).toEqual([950, 1010])
  })
  it('keeps longer spans as they are', () => {
    expect(timeWindow([1000, 1200])).toEqual([1000, 1200])
  })
  it('has nothing to say without data', () => {
    expect(timeWindow([])).toBeNull()
  })
})

describe('chartOptions', () => {
  it('puts bytes/s on the left axis and objects/s on the right', () => {
    const o = chartOptions(600, { text: '#000', grid: '#ccc', bytes: 'blue', objects: 'orange' })
    expect(o.series.map((s) => s.scale)).toEqual([undefined, 'bytes', 'objects', 'objects'])
    expect(o.axes?.[2]).toMatchObject({ scale: 'objects', side: 1 })
    expect(toAlignedData({ t: [1], bytesPerSec: [2], objectsPerSec: [3], inFlight: [4] })).toEqual([[1], [2], [3], [4]])
  })
})
