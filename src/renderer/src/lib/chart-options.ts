// uPlot options for the throughput chart: bytes/s on the left axis, objects/s on the right.
// Kept apart from the component so the formatting choices are plain data.
import type uPlot from 'uplot'
import { formatByteRate, formatObjectRate } from '../../../shared/format'
import type { ThroughputSeries } from './throughput-series'

export interface ChartColors {
  text: string
  grid: string
  bytes: string
  objects: string
}

export const CHART_HEIGHT = 220

/** Zero-based y scales: a throughput axis that starts at 40 MiB/s exaggerates every wobble. */
const fromZero: uPlot.Range.Function = (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1]

/**
 * At least a minute of x axis, from the data itself: for a single sample uPlot pads the time
 * scale by "one day" in the wrong unit, which draws years of empty ticks.
 */
const MIN_SPAN_SEC = 60
export function timeWindow(xs: ArrayLike<number>): [number, number] | null {
  if (xs.length === 0) return null
  const first = xs[0]
  const last = xs[xs.length - 1]
  return [Math.min(first, last - MIN_SPAN_SEC), last]
}
const recentWindow: uPlot.Range.Function = (u, min, max) => timeWindow(u.data[0]) ?? [min, max]

export function chartOptions(width: number, c: ChartColors): uPlot.Options {
  const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } }
  return {
    width,
    height: CHART_HEIGHT,
    scales: { x: { time: true, range: recentWindow }, bytes: { range: fromZero }, objects: { range: fromZero } },
    series: [
      {},
      {
        label: 'Bytes/s',
        scale: 'bytes',
        stroke: c.bytes,
        width: 2,
        value: (_u, v) => (v === null ? '—' : formatByteRate(v)),
      },
      {
        label: 'Objects/s',
        scale: 'objects',
        stroke: c.objects,
        width: 2,
        dash: [6, 4],
        value: (_u, v) => (v === null ? '—' : formatObjectRate(v)),
      },
      {
        // Same scale as objects/s: both are counts, and a queue growing while the rate is flat
        // is the picture of a bottleneck.
        label: 'In flight',
        scale: 'objects',
        stroke: c.text,
        width: 1,
        dash: [2, 3],
        value: (_u, v) => (v === null ? '—' : String(Math.round(v))),
      },
    ],
    axes: [
      axis,
      { ...axis, scale: 'bytes', size: 86, values: (_u, splits) => splits.map(formatByteRate) },
      { ...axis, scale: 'objects', side: 1, size: 64, grid: { show: false }, values: (_u, splits) => splits.map((v) => `${v}/s`) },
    ],
    legend: { live: true },
  }
}

export function toAlignedData(s: ThroughputSeries): uPlot.AlignedData {
  return [s.t, s.bytesPerSec, s.objectsPerSec, s.inFlight]
}
