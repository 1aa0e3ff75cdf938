// `date_range.end: "latest"`: the newest day, or closed month, the archive has for a selection,
// found from its listing and never from the clock (daily files appear "the next day", monthly
// ones "at the first monday of the month", and stalls of days are common: reference §3.1).
// Pure: main lists the folders, this reads the periods out of the keys.
import { addDays, formatDay, parseDay } from './dates'
import { parseArchiveKey } from './keys'

export const LATEST = 'latest'

export const isLatest = (end: unknown): end is typeof LATEST => end === LATEST

/** The last day a period covers: the day itself, or a month's last day. */
export function periodEnd(period: string): string {
  if (period.length === 10) return period
  const [y, m] = period.split('-').map(Number)
  return formatDay(new Date(Date.UTC(y, m, 0)))
}

/** Periods (YYYY-MM-DD or YYYY-MM) of the zips among `keys`; checksum files and strays are ignored. */
export function periodsOfKeys(keys: Iterable<string>, root = 'data/'): string[] {
  const out: string[] = []
  for (const k of keys) if (k.endsWith('.zip')) {
    const p = parseArchiveKey(k, root)?.period
    if (p) out.push(p)
  }
  return out
}

/** The newest day any of the periods reaches; null for an empty listing. */
export function latestDay(periods: Iterable<string>): string | null {
  let best: string | null = null
  for (const p of periods) {
    const end = periodEnd(p)
    if (best === null || end > best) best = end
  }
  return best
}

/**
 * The newest whole month the listing holds: a monthly file, or the month of the newest daily
 * file when that file is the month's last day, else the month before it. A listing with days
 * of one unfinished month only gives those days (something to look at beats nothing).
 */
export function newestCompleteMonth(periods: readonly string[]): { start: string; end: string } | null {
  const newest = latestDay(periods)
  if (newest === null) return null
  const month = newest.slice(0, 7)
  const closed = periodEnd(month) === newest ? month : formatDay(addDays(parseDay(`${month}-01`)!, -1)).slice(0, 7)
  const hasData = periods.some((p) => p.slice(0, 7) === closed)
  if (hasData) return { start: `${closed}-01`, end: periodEnd(closed) }
  return { start: `${month}-01`, end: newest }
}
