// Calendar maths on UTC date strings (YYYY-MM-DD / YYYY-MM). Pure and allocation-light.

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

/** Parses YYYY-MM-DD as a UTC day; undefined when malformed or not a real date (2024-02-30). */
export function parseDay(s: string): Date | undefined {
  if (!DATE_RE.test(s)) return undefined
  const d = new Date(`${s}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? undefined : d
}

export const formatDay = (d: Date): string => d.toISOString().slice(0, 10)
export const formatMonth = (d: Date): string => d.toISOString().slice(0, 7)

export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000)
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const monthLength = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31)
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'))

/**
 * Every day from start to end inclusive. Walks the Gregorian calendar (the proleptic one
 * toISOString uses) on numbers: a plan of 1,000 days × 500 folders made a Date and an ISO string
 * per day, most of it garbage.
 */
export function daysInRange(start: string, end: string): string[] {
  if (!parseDay(start) || !parseDay(end) || end < start) return []
  let y = Number(start.slice(0, 4))
  let m = Number(start.slice(5, 7))
  let d = Number(start.slice(8, 10))
  let head = start.slice(0, 8)
  let last = monthLength(y, m)
  const out: string[] = []
  for (;;) {
    const day = head + TWO_DIGITS[d]
    out.push(day)
    if (day === end) return out
    d += 1
    if (d > last) {
      d = 1
      m += 1
      if (m === 13) {
        m = 1
        y += 1
      }
      last = monthLength(y, m)
      head = `${String(y).padStart(4, '0')}-${TWO_DIGITS[m]}-`
    }
  }
}

/** Every month that overlaps [start, end]. */
export function monthsInRange(start: string, end: string): string[] {
  const a = parseDay(start)
  const b = parseDay(end)
  if (!a || !b) return []
  const out: string[] = []
  let y = a.getUTCFullYear()
  let m = a.getUTCMonth()
  while (y < b.getUTCFullYear() || (y === b.getUTCFullYear() && m <= b.getUTCMonth())) {
    out.push(`${y}-${String(m + 1).padStart(2, '0')}`)
    m += 1
    if (m === 12) {
      m = 0
      y += 1
    }
  }
  return out
}

/** UTC today as YYYY-MM-DD; `now` is injectable so tests stay deterministic. */
export const today = (now: Date = new Date()): string => formatDay(now)
