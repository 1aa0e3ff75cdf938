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

/** Every day from start to end inclusive. */
export function daysInRange(start: string, end: string): string[] {
  const a = parseDay(start)
  const b = parseDay(end)
  if (!a || !b) return []
  const out: string[] = []
  for (let d = a; d <= b; d = addDays(d, 1)) out.push(formatDay(d))
  return out
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
