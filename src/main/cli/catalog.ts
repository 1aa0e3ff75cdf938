// `archive-sync catalog`: the archive matrix as the app knows it — markets, data types, their
// frequencies and intervals, and which are stopped or uncertain.
import { CATALOG, FREQUENCIES, IRREGULAR_INTERVALS, MARKETS, type DataTypeStatus, type Frequency, type Market } from '../../shared/catalog'

export function catalogText(): string {
  const lines: string[] = []
  for (const market of MARKETS) {
    lines.push(market)
    const types = new Set(FREQUENCIES.flatMap((f) => Object.keys(CATALOG[market][f])))
    for (const dt of types) {
      const freqs = FREQUENCIES.filter((f) => CATALOG[market][f][dt])
      const spec = CATALOG[market][freqs[0]][dt]
      const intervals = freqs
        .filter((f) => CATALOG[market][f][dt].intervals)
        .map((f) => `${f}: ${CATALOG[market][f][dt].intervals!.map((i) => (CATALOG[market][f][dt].intervalUntil?.[i] ? `${i}†` : IRREGULAR_INTERVALS.includes(i) ? `${i}*` : i)).join(' ')}`)
        .join(' | ')
      const status = spec.status === 'active' ? '' : ` [${spec.status}${spec.note ? `: ${spec.note}` : ''}]`
      const pair = spec.symbolKind === 'pair' ? ' (folder is the pair, e.g. BTCUSD)' : ''
      lines.push(`  ${dt.padEnd(20)} ${freqs.join('+').padEnd(14)} ${intervals || '-'}${pair}${status}`)
    }
  }
  lines.push('', '* published irregularly: expect gaps', '† ended: that tree holds no files after the date `catalog --json` gives (interval_until)')
  return `${lines.join('\n')}\n`
}

/** One entry per (market, data type): what `catalog --json` prints, for scripts. */
export interface CatalogEntry {
  market: Market
  data_type: string
  frequencies: Frequency[]
  /** Per frequency; empty lists for data types without an interval level. */
  intervals: Partial<Record<Frequency, string[]>>
  /** Per frequency: intervals that tree stopped holding, and the last day it has them. */
  interval_until?: Partial<Record<Frequency, Record<string, string>>>
  status: DataTypeStatus
  since?: string
  until?: string
  note?: string
  contracts?: 'perpetual'
  symbol_kind?: 'pair'
  known_gaps?: string[]
}

export function catalogEntries(): CatalogEntry[] {
  return MARKETS.flatMap((market) =>
    [...new Set(FREQUENCIES.flatMap((f) => Object.keys(CATALOG[market][f])))].map((dt) => {
      const freqs = FREQUENCIES.filter((f) => CATALOG[market][f][dt])
      const spec = CATALOG[market][freqs[0]][dt]
      const ended = Object.fromEntries(freqs.flatMap((f) => (CATALOG[market][f][dt].intervalUntil ? [[f, { ...CATALOG[market][f][dt].intervalUntil }]] : [])))
      return {
        market,
        data_type: dt,
        frequencies: freqs,
        intervals: Object.fromEntries(freqs.map((f) => [f, [...(CATALOG[market][f][dt].intervals ?? [])]])),
        ...(Object.keys(ended).length > 0 ? { interval_until: ended } : {}),
        status: spec.status,
        ...(spec.since ? { since: spec.since } : {}),
        ...(spec.until ? { until: spec.until } : {}),
        ...(spec.note ? { note: spec.note } : {}),
        ...(spec.contracts ? { contracts: spec.contracts } : {}),
        ...(spec.symbolKind ? { symbol_kind: spec.symbolKind } : {}),
        ...(spec.knownGaps ? { known_gaps: [...spec.knownGaps] } : {}),
      }
    }),
  )
}
