// The selection a person builds in the form, kept consistent with the catalog, and the job
// file it becomes (the spec's JSON format, see src/shared/config/schema.ts).
import { MARKETS, frequenciesOf, dataTypesOf, type Frequency, type Market } from '../../../shared/catalog'
import { SYMBOL_RE } from '../../../shared/keys'
import { intervalOptions, needsInterval } from './catalog-view'

export interface Selection {
  market: Market
  dataType: string
  frequency: Frequency
  /** Empty when the data type takes no interval. */
  interval: string
  symbols: string[]
  start: string
  end: string
  destinationBucket: string
  destinationPrefix: string
  maxConcurrent: number
}

export type JobConfigInput = Record<string, unknown>

export function isMarket(v: string): v is Market {
  return (MARKETS as readonly string[]).includes(v)
}

/**
 * Repairs the dependent fields after one of them changed: a data type the market lacks falls
 * back to the first it has, then the frequency, then the interval (keeping 1h/1d if offered,
 * because those are what people pick most).
 */
export function reconcile(sel: Selection): Selection {
  const types = dataTypesOf(sel.market)
  const dataType = types.includes(sel.dataType) ? sel.dataType : (types[0] ?? '')
  const freqs = frequenciesOf(sel.market, dataType)
  const frequency = freqs.includes(sel.frequency) ? sel.frequency : (freqs[0] ?? 'daily')
  let interval = ''
  if (needsInterval(sel.market, frequency, dataType)) {
    const offered = intervalOptions(sel.market, frequency, dataType).map((o) => o.value)
    interval = offered.includes(sel.interval) ? sel.interval : (['1h', '1d'].find((i) => offered.includes(i)) ?? offered[0] ?? '')
  }
  return { ...sel, dataType, frequency, interval }
}

/** Splits what was typed or pasted ("btcusdt, ethusdt") into upper-case symbols. */
export function parseSymbols(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0)
}

export function isValidSymbol(symbol: string): boolean {
  return SYMBOL_RE.test(symbol)
}

/** Adds without duplicates, keeping the order in which they were picked. */
export function addSymbols(current: readonly string[], added: readonly string[]): string[] {
  const out = [...current]
  for (const s of added) if (!out.includes(s)) out.push(s)
  return out
}

export function buildJobConfig(sel: Selection): JobConfigInput {
  const interval = needsInterval(sel.market, sel.frequency, sel.dataType) && sel.interval ? { intervals: [sel.interval] } : {}
  return {
    enable_s3_direct_sync: true,
    operation_mode: 'auto',
    destination_bucket: sel.destinationBucket.trim(),
    destination_prefix: sel.destinationPrefix.trim(),
    markets: [sel.market],
    symbols: [...sel.symbols],
    data_types: [sel.dataType],
    ...interval,
    date_range: { start: sel.start, end: sel.end },
    frequency: sel.frequency,
    performance_optimization: { max_concurrent: sel.maxConcurrent },
  }
}
