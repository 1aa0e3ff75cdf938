// Which files (daily or monthly) cover a date range. `auto` plans the monthly file for whole,
// closed months — with that month's daily files as the fallback the planner takes when the
// listing lacks the monthly object — and daily files for the rest.
//
// Why a fallback and not "fewer objects, the same data": monthly files are published late (the
// README of binance/binance-public-data: "new monthly data at the first monday of the month";
// binance-public-data#321: spot 2024-02 monthly klines still absent on 9 March), and closed months
// whose monthly file never came are reported by users (#292, #415). A month is "missing" only when
// neither its monthly file nor any of its daily files is listed.
import type { Frequency } from './catalog'
import { addDays, daysInRange, formatDay, monthsInRange, parseDay } from './dates'

export interface Period {
  frequency: Frequency
  period: string
  /** auto only: the days (YYYY-MM-DD) that stand in for this monthly file when it is not listed. */
  fallback?: string[]
}

export function monthBounds(month: string): { first: string; last: string } {
  const first = parseDay(`${month}-01`)!
  const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1))
  return { first: formatDay(first), last: formatDay(addDays(next, -1)) }
}

/** The last day each frequency's tree holds files for (an ended interval); absent = still published. */
export type Until = Partial<Record<Frequency, string>>

/**
 * @param frequencies what the data type offers, in the order of preference given by the config:
 *        one entry for an explicit daily/monthly choice, both for `auto`.
 * @param today UTC day; a month is closed when its last day is before today.
 */
export function periodsFor(start: string, end: string, frequencies: readonly Frequency[], today: string, until: Until = {}): Period[] {
  const daily = frequencies.includes('daily')
  const monthly = frequencies.includes('monthly')
  const dayOk = (d: string) => !until.daily || d <= until.daily
  const monthOk = (m: string) => !until.monthly || m <= until.monthly.slice(0, 7)
  const days = (a: string, b: string) => daysInRange(a, b).filter(dayOk)
  if (daily && !monthly) return days(start, end).map((period) => ({ frequency: 'daily', period }))
  if (monthly && !daily) return monthsInRange(start, end).filter(monthOk).map((period) => ({ frequency: 'monthly', period }))
  const out: Period[] = []
  for (const month of monthsInRange(start, end)) {
    const { first, last } = monthBounds(month)
    const whole = first >= start && last <= end && last < today && monthOk(month)
    const [a, b] = [first > start ? first : start, last < end ? last : end]
    const part = days(a, b)
    // A part month the daily tree stopped holding (an ended interval) comes from its monthly file.
    const ended = part.length < daysInRange(a, b).length && monthOk(month) && last < today
    if (whole || ended) out.push({ frequency: 'monthly', period: month, fallback: whole ? days(first, last) : part })
    else for (const period of part) out.push({ frequency: 'daily', period })
  }
  return out
}

interface FolderPeriod {
  period: string
  /** `<period>.zip`: what follows a folder's key head. */
  tail: string
  /** auto: the tails of the daily files standing in for this monthly one. */
  fallbackTails: string[]
}

/**
 * periodsFor grouped by frequency, made once per (frequencies, interval end dates) for one range:
 * the planner asks for every symbol's folders, and the answer does not depend on the symbol.
 */
export function periodsByKind(start: string, end: string, today: string) {
  const made = new Map<string, { auto: boolean; byFrequency: Record<Frequency, FolderPeriod[]> }>()
  const tails = new Map<string, string>()
  const tailOf = (period: string): string => {
    let t = tails.get(period)
    if (t === undefined) tails.set(period, (t = `${period}.zip`))
    return t
  }
  return (frequencies: readonly Frequency[], until: Until) => {
    const id = `${frequencies.join(',')} ${until.daily ?? ''} ${until.monthly ?? ''}`
    let hit = made.get(id)
    if (!hit) {
      const periods = periodsFor(start, end, frequencies, today, until)
      const byFrequency: Record<Frequency, FolderPeriod[]> = { daily: [], monthly: [] }
      for (const p of periods) byFrequency[p.frequency].push({ period: p.period, tail: tailOf(p.period), fallbackTails: (p.fallback ?? []).map(tailOf) })
      hit = { auto: periods.some((p) => p.fallback), byFrequency }
      made.set(id, hit)
    }
    return hit
  }
}
