// The bounded window of throughput samples the live chart draws. Columnar, because that is
// the shape uPlot takes without copying.
import type { Snapshot } from '../../../shared/contract'

export interface ThroughputSeries {
  /** Unix seconds (uPlot's time unit). */
  t: number[]
  bytesPerSec: number[]
  objectsPerSec: number[]
  /** Tasks handed to an engine and not finished: the work behind the rate. */
  inFlight: number[]
}

export const EMPTY_SERIES: ThroughputSeries = { t: [], bytesPerSec: [], objectsPerSec: [], inFlight: [] }

/** Ten minutes at one snapshot per second: enough to see a trend, bounded for long jobs. */
const DEFAULT_WINDOW_SEC = 600

/**
 * Appends one snapshot and drops what fell out of the window. A snapshot that is not newer
 * than the last (a replay after reconnecting) is ignored so the x axis stays monotonic.
 */
export function appendSample(series: ThroughputSeries, snap: Pick<Snapshot, 'at' | 'bytesPerSec' | 'objectsPerSec'> & { inFlight?: number }, windowSec = DEFAULT_WINDOW_SEC): ThroughputSeries {
  const t = snap.at / 1000
  const last = series.t.at(-1)
  if (last !== undefined && t <= last) return series
  const cutoff = t - windowSec
  let from = 0
  while (from < series.t.length && series.t[from] < cutoff) from += 1
  return {
    t: [...series.t.slice(from), t],
    bytesPerSec: [...series.bytesPerSec.slice(from), Math.max(0, snap.bytesPerSec)],
    objectsPerSec: [...series.objectsPerSec.slice(from), Math.max(0, snap.objectsPerSec)],
    inFlight: [...series.inFlight.slice(from), Math.max(0, snap.inFlight ?? 0)],
  }
}
