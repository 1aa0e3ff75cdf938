// Archive timestamps as UTC date-times, whatever their unit. Spot data switched from
// milliseconds to microseconds for data from 2025-01-01 (binance-public-data README, commit
// de6bdec); futures stay in milliseconds; metrics and bookDepth carry "YYYY-MM-DD HH:MM:SS" UTC
// strings (reference §2.2). The unit is read from each value (13 digits ms, 16 digits µs), never
// from a date: misreading it is how "volume drop" reports happen (binance-public-data I#474).

export type TimeUnit = 'ms' | 'us' | 'text'

const TEXT_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)Z?$/

/** The unit of one time cell; null when it is not a time the archive writes. */
export function timeUnitOf(value: string): TimeUnit | null {
  const v = value.trim()
  if (/^\d{13}$/.test(v)) return 'ms'
  if (/^\d{16}$/.test(v)) return 'us'
  if (TEXT_TIME.test(v)) return 'text'
  return null
}

/** Milliseconds since the epoch (fractional for µs), or null. */
export function toEpochMs(value: string): number | null {
  const v = value.trim()
  switch (timeUnitOf(v)) {
    case 'ms':
      return Number(v)
    case 'us':
      return Number(v) / 1000
    case 'text': {
      const [, day, time] = TEXT_TIME.exec(v)!
      return Date.parse(`${day}T${time}Z`)
    }
    default:
      return null
  }
}

/**
 * "2025-01-01 00:00:00" in UTC; a fraction only where the value has one (".999" for ms,
 * ".999999" for µs), so the same instant reads the same in both units. Null when not a time.
 */
export function formatUtc(value: string): string | null {
  const v = value.trim()
  const unit = timeUnitOf(v)
  if (unit === null) return null
  if (unit === 'text') {
    const [, day, time] = TEXT_TIME.exec(v)!
    return `${day} ${time.length === 5 ? `${time}:00` : time}`
  }
  // Integer maths on the digits: µs values exceed what a float keeps exactly after division.
  const seconds = Number(unit === 'ms' ? v.slice(0, -3) : v.slice(0, -6))
  const fraction = (unit === 'ms' ? v.slice(-3) : v.slice(-6)).replace(/0+$/, '')
  const base = new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')
  if (fraction === '') return base
  const digits = unit === 'ms' || v.slice(-3) === '000' ? 3 : 6
  return `${base}.${(unit === 'ms' ? v.slice(-3) : v.slice(-6)).slice(0, digits)}`
}

/** The one unit of a column's values, "mixed" when they differ, null when none is a time. */
export function columnUnit(values: readonly string[]): TimeUnit | 'mixed' | null {
  const units = new Set(values.map(timeUnitOf).filter((u): u is TimeUnit => u !== null))
  if (units.size === 0) return null
  return units.size === 1 ? [...units][0] : 'mixed'
}
