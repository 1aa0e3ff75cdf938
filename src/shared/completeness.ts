// Does a kline file cover its whole period, and is a trade-like file in time order? Pure: rows
// go in one CSV line at a time (the caller decompresses on the fly), a report comes out.
//
// Why: monthly files can lack days that the daily files of the same month have
// (binance-public-data#186: BTCUSDT um 1m 2022-06 without 2022-06-09; #346: 2022-05 without four
// days; #297: 2022-04 5m without 04-01…04-02; #403/#359: spot 2024-07 with only seven days).
// A gap is reported with the daily keys that cover it. Gaps also come from exchange maintenance
// (no klines while trading is suspended, binance-public-data#169), so a gap is a report for the
// user to judge, not a failed copy.
import { ALL_INTERVALS, type Market } from './catalog'
import { archiveKey, parseArchiveKey, type ParsedKey } from './keys'
import { periodMs, stepper } from './kline-time'

const KLINE_TYPES: readonly string[] = ['klines', 'markPriceKlines', 'indexPriceKlines', 'premiumIndexKlines']
/** Column of the trade time: trades `id,price,qty,quoteQty,time,…`; aggTrades `id,price,qty,first,last,time,…` (README). */
const TIME_COLUMN: Record<string, number> = { trades: 4, aggTrades: 5 }

interface Gap {
  /** Uncovered span [from, to) as ISO instants. */
  from: string
  to: string
  /** Daily archive keys whose days overlap the span (empty when the file is itself a daily file). */
  fillKeys: string[]
}

export interface CompletenessReport {
  key: string
  kind: 'kline' | 'trade'
  rows: number
  first?: string
  last?: string
  /** Units seen in the time column: spot switched from ms to µs for data from 2025-01-01 (README). */
  units: ('ms' | 'us')[]
  /** Rows whose time is not after (klines) / before (trades) the previous row's. */
  outOfOrder: number
  gaps: Gap[]
}

/** Kind of check a key gets; undefined for data types without a time series to judge. */
export function checkKindOf(key: string, root = 'data/'): 'kline' | 'trade' | undefined {
  const p = parseArchiveKey(key, root)
  if (!p || !p.file.endsWith('.zip')) return undefined
  if (KLINE_TYPES.includes(p.dataType) && p.interval && (ALL_INTERVALS as readonly string[]).includes(p.interval)) return 'kline'
  return TIME_COLUMN[p.dataType] !== undefined ? 'trade' : undefined
}

/** A time value in ms, read per value: 16 digits are µs, 13 are ms. */
function toMs(field: string, units: Set<'ms' | 'us'>): number | undefined {
  if (!/^\d{10,17}$/.test(field)) return undefined
  const v = Number(field)
  const us = v >= 1e15
  units.add(us ? 'us' : 'ms')
  return us ? Math.floor(v / 1000) : v
}

const iso = (ms: number): string => new Date(ms).toISOString()
const DAY = 86_400_000

/** Daily keys of the same series whose UTC days overlap [from, to). */
function dailyKeysFor(p: ParsedKey, from: number, to: number, root = 'data/'): string[] {
  if (p.frequency === 'daily') return []
  const out: string[] = []
  for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY)
    out.push(archiveKey({ market: p.market as Market, frequency: 'daily', dataType: p.dataType, symbol: p.symbol, interval: p.interval, period: iso(d).slice(0, 10) }, root))
  return out
}

export interface LineChecker {
  line(text: string): void
  finish(): CompletenessReport
}

export function completenessChecker(key: string, root = 'data/'): LineChecker | undefined {
  const kind = checkKindOf(key, root)
  const p = parseArchiveKey(key, root)
  if (!kind || !p) return undefined
  const [start, end] = periodMs(p.period)
  const next = kind === 'kline' ? stepper(p.interval!) : undefined
  // Daily trees of 3d/1w/1mo hold one bar that opens before or after the day: order only.
  const edges = next !== undefined && !(p.frequency === 'daily' && ['3d', '1w', '1mo'].includes(p.interval!))
  const col = kind === 'kline' ? 0 : TIME_COLUMN[p.dataType]
  const units = new Set<'ms' | 'us'>()
  const gaps: Gap[] = []
  const gap = (a: number, b: number) => gaps.push({ from: iso(a), to: iso(b), fillKeys: dailyKeysFor(p, a, b, root) })
  let rows = 0
  let outOfOrder = 0
  let first: number | undefined
  let prev: number | undefined
  return {
    line(text) {
      const fields = text.split(',', col + 1)
      // Header rows (futures files since 2022) and blank lines carry no time.
      const t = toMs(fields[col]?.trim() ?? '', units)
      if (t === undefined) return
      rows += 1
      if (prev === undefined) {
        first = t
        if (edges && t >= next!(start)) gap(start, t)
      } else if (next ? t <= prev : t < prev) outOfOrder += 1
      else if (next && t > next(prev)) gap(next(prev), t)
      if (prev === undefined || t > prev) prev = t
    },
    finish() {
      if (edges) {
        if (prev === undefined) gap(start, end)
        else if (next!(next!(prev)) <= end) gap(next!(prev), end)
      }
      return { key, kind, rows, ...(first !== undefined ? { first: iso(first), last: iso(prev!) } : {}), units: [...units], outOfOrder, gaps }
    },
  }
}
