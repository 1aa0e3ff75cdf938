// Date range presets, relative to today in UTC. The archive publishes a day after it closes,
// so every preset ends yesterday (UTC) at the latest.
import { addDays, formatDay } from '../../../shared/dates'

export type PresetId = 'last-7-days' | 'last-month' | 'year-to-date'

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'last-7-days', label: 'Last 7 days' },
  { id: 'last-month', label: 'Last month' },
  { id: 'year-to-date', label: 'Year to date' },
]

export function presetRange(id: PresetId, now: Date = new Date()): { start: string; end: string } {
  const today = new Date(`${formatDay(now)}T00:00:00Z`)
  const yesterday = addDays(today, -1)
  switch (id) {
    case 'last-7-days':
      return { start: formatDay(addDays(yesterday, -6)), end: formatDay(yesterday) }
    case 'last-month': {
      // The previous calendar month, whole: monthly files exist only for closed months.
      const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
      const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0))
      return { start: formatDay(first), end: formatDay(last) }
    }
    case 'year-to-date': {
      const jan1 = new Date(Date.UTC(today.getUTCFullYear(), 0, 1))
      // On 1 January there is no closed day of this year yet: take the whole of yesterday's year.
      const start = yesterday < jan1 ? new Date(Date.UTC(today.getUTCFullYear() - 1, 0, 1)) : jan1
      return { start: formatDay(start), end: formatDay(yesterday) }
    }
  }
}
