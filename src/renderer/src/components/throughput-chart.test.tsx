import { act, render, screen } from '@testing-library/react'
import type uPlot from 'uplot'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { formatByteRate, formatObjectRate } from '../../../shared/format'
import { appendSample, EMPTY_SERIES, type ThroughputSeries } from '../lib/throughput-series'
import { useViewStore } from '../state/view-store'
import { ThroughputChart } from './throughput-chart'

// uPlot draws on a canvas, which jsdom does not have: a stand-in records what the component
// hands it (options, data, teardown), which is the part this component owns.
const plots = vi.hoisted(() => [] as { opts: uPlot.Options; data: uPlot.AlignedData[]; destroyed: boolean }[])
vi.mock('uplot', () => ({
  default: class {
    record: (typeof plots)[number]
    data: uPlot.AlignedData
    constructor(opts: uPlot.Options, data: uPlot.AlignedData) {
      this.record = { opts, data: [data], destroyed: false }
      this.data = data
      plots.push(this.record)
    }
    setData(data: uPlot.AlignedData) {
      this.data = data
      this.record.data.push(data)
    }
    setSize() {}
    destroy() {
      this.record.destroyed = true
    }
  },
}))

/** One snapshot a second from t0, at the given rates. */
function seriesOf(rates: [number, number][], t0 = 1_700_000_000_000): ThroughputSeries {
  return rates.reduce((s, [bytesPerSec, objectsPerSec], i) => appendSample(s, { at: t0 + i * 1000, bytesPerSec, objectsPerSec, inFlight: 4 }), EMPTY_SERIES)
}

const xRange = (p: (typeof plots)[number]) => {
  const range = p.opts.scales?.x?.range as uPlot.Range.Function
  const [lo, hi] = range({ data: p.data.at(-1) } as unknown as uPlot, 0, 0, 'x')
  return [Number(lo), Number(hi)]
}

beforeEach(() => {
  plots.length = 0
  useViewStore.setState({ theme: 'light' })
})

describe('ThroughputChart', () => {
  it('names the latest rates for screen readers and says when there are none', () => {
    const { rerender } = render(<ThroughputChart series={EMPTY_SERIES} />)
    expect(screen.getByRole('img', { name: 'Throughput chart. No throughput samples yet.' })).toBeTruthy()
    rerender(<ThroughputChart series={seriesOf([[1e6, 10], [3 * 1024 * 1024, 12]])} />)
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(`Throughput chart. Latest: ${formatByteRate(3 * 1024 * 1024)}, ${formatObjectRate(12)}.`)
    expect(screen.getByText('Throughput (last 10 minutes)')).toBeTruthy()
  })

  it('draws every new sample on the same plot, bytes, objects and in-flight series', () => {
    const { rerender } = render(<ThroughputChart series={seriesOf([[100, 1]])} />)
    const s = seriesOf([[100, 1], [200, 2], [300, 3]])
    rerender(<ThroughputChart series={s} />)
    expect(plots).toHaveLength(1)
    expect(plots[0].opts.series.map((x) => x.label)).toEqual([undefined, 'Bytes/s', 'Objects/s', 'In flight'])
    expect(plots[0].data.at(-1)).toEqual([s.t, [100, 200, 300], [1, 2, 3], [4, 4, 4]])
  })

  it('shows at least a minute of time axis, and only the last ten minutes of a long job', () => {
    const { rerender } = render(<ThroughputChart series={seriesOf([[5, 1]])} />)
    // One sample: a minute back from it, not uPlot's default of a day either side.
    const [lo, hi] = xRange(plots[0])
    expect(hi - lo).toBe(60)
    const long = seriesOf(Array.from({ length: 900 }, () => [5, 1] as [number, number]))
    rerender(<ThroughputChart series={long} />)
    const [from, to] = xRange(plots[0])
    expect(to - from).toBe(600)
    expect(to).toBe(long.t.at(-1))
  })

  it('redraws for a new colour scheme with the samples so far, and frees the plot on unmount', () => {
    const s = seriesOf([[100, 1], [200, 2]])
    const { unmount } = render(<ThroughputChart series={s} />)
    act(() => useViewStore.getState().setTheme('dark'))
    expect(plots).toHaveLength(2)
    expect(plots[0].destroyed).toBe(true)
    expect(plots[1].data.at(-1)).toEqual([s.t, [100, 200], [1, 2], [4, 4]])
    unmount()
    expect(plots[1].destroyed).toBe(true)
  })
})
