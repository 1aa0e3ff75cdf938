// Which files (daily or monthly) cover a date range. `auto` takes monthly files for whole,
// closed months and daily files for the rest: fewer objects, the same data.
import type { Frequency } from './catalog'
import { addDays, daysInRange, formatDay, monthsInRange, parseDay } from './dates'

export interface Period {
  frequency: Frequency
  period: string
}

function monthBounds(month: string): { first: string; last: string } {
  const first = parseDay(`${month}-01`)!
  const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1))
  return { first: formatDay(first), last: formatDay(addDays(next, -1)) }
}

/**
 * @param frequencies what the data type offers, in the order of preference given by the config:
 *        one entry for an explicit daily/monthly choice, both for `auto`.
 * @param today UTC day; a month is closed when its last day is before today.
 */
export function periodsFor(start: string, end: string, frequencies: readonly Frequency[], today: string): Period[] {
  const daily = frequencies.includes('daily')
  const monthly = frequencies.includes('monthly')
  if (daily && !monthly) return daysInRange(start, end).map((period) => ({ frequency: 'daily', period }))
  if (monthly && !daily) return monthsInRange(start, end).map((period) => ({ frequency: 'monthly', period }))
  const out: Period[] = []
  for (const month of monthsInRange(start, end)) {
    const { first, last } = monthBounds(month)
    const whole = first >= start && last <= end && last < today
    if (whole) out.push({ frequency: 'monthly', period: month })
    else {
      const a = first > start ? first : start
      const b = last < end ? last : end
      for (const period of daysInRange(a, b)) out.push({ frequency: 'daily', period })
    }
  }
  return out
}
