// Throughput maths for the live monitor: time-weighted EWMA rates and an ETA. Pure.

/** Smoothing factor for a sample spanning `dtSec`, so the result does not depend on tick timing. */
export function ewmaAlpha(dtSec: number, halfLifeSec: number): number {
  return dtSec <= 0 ? 0 : 1 - Math.exp((-dtSec * Math.LN2) / halfLifeSec)
}

/** Next smoothed rate; the first sample seeds it. */
export function ewma(prev: number | undefined, sample: number, dtSec: number, halfLifeSec = 5): number {
  if (prev === undefined) return sample
  return prev + ewmaAlpha(dtSec, halfLifeSec) * (sample - prev)
}

/**
 * Seconds left: by bytes when bytes are moving, else by objects. Null while there is no
 * rate to extrapolate from, and 0 when nothing is left.
 */
export function etaSeconds(
  remaining: { bytes: number; objects: number },
  rate: { bytesPerSec: number; objectsPerSec: number },
): number | null {
  if (remaining.objects <= 0) return 0
  if (remaining.bytes > 0 && rate.bytesPerSec > 0) return remaining.bytes / rate.bytesPerSec
  if (rate.objectsPerSec > 0) return remaining.objects / rate.objectsPerSec
  return null
}

/** "98.50%" — the spec reports percentages as strings; two decimals, never NaN. */
export function percent(part: number, whole: number): string {
  return `${(whole > 0 ? (part / whole) * 100 : 100).toFixed(2)}%`
}
