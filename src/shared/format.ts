// Human-readable numbers: the one formatter for the UI, the CLI and the report export, so a figure
// reads the same on a screen, in a terminal and in an exported page. Pure.
//
// Sizes use binary units (1024, "KiB"): part_size_mb is applied as MiB (× 1024²), S3's limits are
// binary (5 GiB per CopyObject, 5 MiB minimum part), and so is `du -h`. Decimal "KB" beside
// those would make one object read as two sizes.

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const
const DASH = '—'

const usable = (n: number): boolean => Number.isFinite(n) && n >= 0

/** 3 significant digits in binary units (see the header for why binary). */
export function formatBytes(bytes: number): string {
  if (!usable(bytes)) return DASH
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  if (unit === 0) return `${Math.round(value)} B`
  // Rounding 1023.96 up would print "1024 KiB": step to the next unit instead.
  if (value >= 999.95 && unit < BYTE_UNITS.length - 1) return `1.00 ${BYTE_UNITS[unit + 1]}`
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`
}

export function formatByteRate(bytesPerSec: number): string {
  return usable(bytesPerSec) ? `${formatBytes(bytesPerSec)}/s` : DASH
}

export function formatObjectRate(objectsPerSec: number): string {
  if (!usable(objectsPerSec)) return DASH
  const digits = objectsPerSec >= 100 ? 0 : 1
  return `${objectsPerSec.toFixed(digits)} obj/s`
}

/** Request costs are fractions of a cent per thousand requests: four decimals show them. */
export function formatUsd(usd: number): string {
  return Number.isFinite(usd) ? `$${usd.toFixed(4)}` : DASH
}

/** Thousands separators fixed to en-US so tests and screenshots do not depend on the locale. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : DASH
}

/** "3.2 s", "4 m 05 s", "2 h 03 m": precision where it matters, brevity where it does not. */
export function formatDuration(seconds: number): string {
  if (!usable(seconds)) return DASH
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (v: number) => String(v).padStart(2, '0')
  if (h > 0) return `${h} h ${pad(m)} m`
  if (m > 0) return `${m} m ${pad(s)} s`
  return `${s} s`
}

/** The ETA line: null means no rate yet, which is not the same as "done". */
export function formatEta(etaSeconds: number | null): string {
  if (etaSeconds === null || !Number.isFinite(etaSeconds)) return 'estimating…'
  if (etaSeconds <= 0) return 'finishing'
  return `about ${formatDuration(Math.max(1, etaSeconds))}`
}

/** Percentage for a progress bar, clamped to 0–100; an empty job counts as complete. */
export function progressPercent(done: number, total: number): number {
  if (!(total > 0)) return done >= 0 ? 100 : 0
  return Math.min(100, Math.max(0, (done / total) * 100))
}
