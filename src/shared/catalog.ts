// The archive matrix: what can exist in data.binance.vision (reference §1.2, §1.3, §5).
// Pure data plus lookups; discovery (src/main/discovery) tells what does exist.

export const MARKETS = ['spot', 'futures/um', 'futures/cm', 'option'] as const
export type Market = (typeof MARKETS)[number]

export const FREQUENCIES = ['daily', 'monthly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export type DataTypeStatus = 'active' | 'uncertain' | 'stopped' | 'removed'

export interface DataTypeSpec {
  needsInterval: boolean
  intervals?: readonly string[]
  status: DataTypeStatus
  note?: string
  /** COIN-M index klines live under the pair (BTCUSD), not the contract (BTCUSD_PERP). */
  symbolKind?: 'pair'
  knownSymbols?: readonly string[]
}

export const ALL_INTERVALS = [
  '1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo',
] as const
/** Published irregularly: offered, but expect gaps (reference §1.3). */
export const IRREGULAR_INTERVALS: readonly string[] = ['3d', '1w', '1mo']

const FUT_DAILY = ALL_INTERVALS.slice(1, 13)
const FUT_MONTHLY = ALL_INTERVALS.slice(1)
const SPOT_DAILY = ALL_INTERVALS.slice(0, 13)
const SPOT_MONTHLY = ALL_INTERVALS

const active = (intervals?: readonly string[]): DataTypeSpec =>
  intervals ? { needsInterval: true, intervals, status: 'active' } : { needsInterval: false, status: 'active' }
const flat = (status: DataTypeStatus, note: string): DataTypeSpec => ({ needsInterval: false, status, note })

function futures(cm: boolean): Record<Frequency, Record<string, DataTypeSpec>> {
  const index = (iv: readonly string[]): DataTypeSpec => (cm ? { ...active(iv), symbolKind: 'pair' } : active(iv))
  const unsure = (note: string) => flat('uncertain', note)
  return {
    daily: {
      klines: active(FUT_DAILY),
      trades: active(),
      aggTrades: active(),
      markPriceKlines: active(FUT_DAILY),
      indexPriceKlines: index(FUT_DAILY),
      premiumIndexKlines: active(FUT_DAILY),
      metrics: flat('active', 'daily only'),
      bookDepth: unsure(cm ? 'seen in 2023; current status unknown' : 'said to be no longer updated, yet 2025 files exist'),
      bookTicker: cm ? unsure('seen in 2023; current status unknown') : flat('stopped', 'stopped after 2024-03-31'),
      liquidationSnapshot: cm
        ? unsure('produced until at least 2024-06')
        : flat('removed', 'stopped after 2024-03-31, later removed from the archive'),
    },
    monthly: {
      klines: active(FUT_MONTHLY),
      trades: active(),
      aggTrades: active(),
      markPriceKlines: active(FUT_MONTHLY),
      indexPriceKlines: index(FUT_MONTHLY),
      premiumIndexKlines: active(FUT_MONTHLY),
      fundingRate: flat('active', 'monthly only'),
      bookTicker: cm ? unsure('seen in 2023; current status unknown') : flat('stopped', 'stopped; the 2024-04 file is partial'),
    },
  }
}

export const CATALOG: Record<Market, Record<Frequency, Record<string, DataTypeSpec>>> = {
  spot: {
    daily: { klines: active(SPOT_DAILY), trades: active(), aggTrades: active() },
    monthly: { klines: active(SPOT_MONTHLY), trades: active(), aggTrades: active() },
  },
  'futures/um': futures(false),
  'futures/cm': futures(true),
  option: {
    daily: {
      BVOLIndex: { ...flat('uncertain', 'missing days reported'), knownSymbols: ['BTCBVOLUSDT', 'ETHBVOLUSDT'] },
      EOHSummary: {
        ...flat('stopped', 'BTCUSDT files only 2023-05-18 to 2023-10-23'),
        knownSymbols: ['BNBUSDT', 'BTCUSDT', 'DOGEUSDT', 'ETHUSDT', 'XRPUSDT'],
      },
    },
    monthly: {},
  },
}

/** The spec's market names (futures_um, options, ...) next to the archive's own. */
export const MARKET_ALIASES: Record<string, Market> = {
  spot: 'spot',
  futures_um: 'futures/um',
  'futures/um': 'futures/um',
  um: 'futures/um',
  futures_cm: 'futures/cm',
  'futures/cm': 'futures/cm',
  cm: 'futures/cm',
  options: 'option',
  option: 'option',
}

/** The market a user-given name stands for; own properties only, so `constructor` is no market. */
export function marketOf(name: string): Market | undefined {
  return Object.hasOwn(MARKET_ALIASES, name) ? MARKET_ALIASES[name] : undefined
}

/** Own properties only: a user string such as `constructor` or `__proto__` is no data type. */
export function dataTypeSpec(market: Market, frequency: Frequency, dataType: string): DataTypeSpec | undefined {
  const byType = CATALOG[market][frequency]
  return Object.hasOwn(byType, dataType) ? byType[dataType] : undefined
}

/** Every data type a market offers at any frequency, in catalog order. */
export function dataTypesOf(market: Market): string[] {
  return [...new Set([...Object.keys(CATALOG[market].daily), ...Object.keys(CATALOG[market].monthly)])]
}

export function frequenciesOf(market: Market, dataType: string): Frequency[] {
  return FREQUENCIES.filter((f) => dataTypeSpec(market, f, dataType) !== undefined)
}

/** Intervals offered for a data type at any of its frequencies (empty when it takes none). */
export function intervalsOf(market: Market, dataType: string): string[] {
  const all = new Set(frequenciesOf(market, dataType).flatMap((f) => dataTypeSpec(market, f, dataType)?.intervals ?? []))
  return ALL_INTERVALS.filter((i) => all.has(i))
}
