// `frequency: auto`, decided from the listing: which months came from a monthly file, which from
// their daily files, and which from neither — the part of the plan a user reads to trust that no
// month was dropped (plan --json `periodSources`, the UI's plan panel).
import type { PlanSummary } from './contract/model'

/** What stands in for one monthly file when the listing lacks it. */
export interface MonthFallback {
  /** The daily folder of the same symbol (and interval). */
  folder: string
  /** The daily dataset (market/daily/dataType[/interval]), for rows and tasks. */
  dataset: string
  month: string
  /** That month's daily zip keys (within the range). */
  keys: string[]
}

export type PeriodSources = NonNullable<PlanSummary['periodSources']>
type MonthSource = PeriodSources['months'][number]

/** How many month entries travel with the summary (counts stay exact beyond it). */
const MONTHS_SHOWN = 1000

export function newSources() {
  const counts = { monthly: 0, daily: 0, missing: 0 }
  const months: MonthSource[] = []
  return {
    add(f: { dataset: string; symbol: string }, fb: MonthFallback, from: MonthSource['from'], missingKeys: string[]): void {
      counts[from] += 1
      // dataset without the frequency: the month is the unit, the file kind is `from`.
      if (months.length < MONTHS_SHOWN) months.push({ dataset: f.dataset.replace('/monthly/', '/'), symbol: f.symbol, month: fb.month, from, missingKeys })
    },
    size: () => counts.monthly + counts.daily + counts.missing,
    summary: (): PeriodSources => ({ ...counts, months, truncated: counts.monthly + counts.daily + counts.missing > months.length }),
  }
}
