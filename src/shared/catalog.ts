// The archive matrix: what can exist in data.binance.vision, per market, frequency and data type.
// Pure data plus lookups; discovery (src/main/discovery) tells what does exist. Every label below
// cites where it comes from: binance/binance-public-data (its README, python/enums.py, and the
// issue threads `binance-public-data#N`) or a third-party downloader that listed the bucket.

export const MARKETS = ['spot', 'futures/um', 'futures/cm', 'option'] as const
export type Market = (typeof MARKETS)[number]

export const FREQUENCIES = ['daily', 'monthly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export type DataTypeStatus = 'active' | 'uncertain' | 'stopped' | 'removed'

export interface DataTypeSpec {
  needsInterval: boolean
  intervals?: readonly string[]
  /** Intervals this tree held only up to a day (YYYY-MM-DD): offered for history, ended since. */
  intervalUntil?: Readonly<Record<string, string>>
  status: DataTypeStatus
  note?: string
  /** First / last day with files, where a source dates them. */
  since?: string
  until?: string
  /** COIN-M index klines live under the pair (BTCUSD), not the contract (BTCUSD_PERP). */
  symbolKind?: 'pair'
  /** Published for perpetual contracts only (no dated delivery contracts). */
  contracts?: 'perpetual'
  knownSymbols?: readonly string[]
  /** Days a source reports missing although files before and after exist. */
  knownGaps?: readonly string[]
}

export const ALL_INTERVALS = [
  '1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo',
] as const
/** Published irregularly: offered, but expect gaps (reference §1.3). */
export const IRREGULAR_INTERVALS: readonly string[] = ['3d', '1w', '1mo']

// python/enums.py: INTERVALS (all 16) for monthly, DAILY_INTERVALS (without 3d/1w/1mo) for daily.
// `1s` is spot only (README lists it under SPOT; aoki-h-jp/binance-bulk-downloader marks it absent
// for futures).
const FUT_DAILY = ALL_INTERVALS.slice(1, 13)
const FUT_MONTHLY = ALL_INTERVALS.slice(1)
const SPOT_DAILY = ALL_INTERVALS.slice(0, 13)
const SPOT_MONTHLY = ALL_INTERVALS

// Futures daily trees nevertheless held 3d/1w/1mo files until late 2023 (keys such as
// futures/um/daily/klines/BTCUSDT/3d/BTCUSDT-3d-2023-12-08.zip in third-party archive listings),
// and futures monthly 3d/1w/1mo ended in early 2024: "Last file is XRPUSDT-3d-2024-01.zip"
// (binance-public-data#373); the maintainer on BTCUSDT weekly after 2024-02: "monthly data support
// was ended" (binance-public-data#443).
const FUT_DAILY_ENDED = { '3d': '2023-12-31', '1w': '2023-12-31', '1mo': '2023-12-31' }
const FUT_MONTHLY_ENDED = { '3d': '2024-02-29', '1w': '2024-02-29', '1mo': '2024-02-29' }

const active = (intervals?: readonly string[]): DataTypeSpec =>
  intervals ? { needsInterval: true, intervals, status: 'active' } : { needsInterval: false, status: 'active' }
const flat = (status: DataTypeStatus, note: string, dates: { since?: string; until?: string } = {}): DataTypeSpec => ({ needsInterval: false, status, note, ...dates })
const klineDaily = (): DataTypeSpec => ({ ...active([...FUT_DAILY, ...Object.keys(FUT_DAILY_ENDED)]), intervalUntil: FUT_DAILY_ENDED })
const klineMonthly = (): DataTypeSpec => ({ ...active(FUT_MONTHLY), intervalUntil: FUT_MONTHLY_ENDED })

function futures(cm: boolean): Record<Frequency, Record<string, DataTypeSpec>> {
  const index = (s: DataTypeSpec): DataTypeSpec => (cm ? { ...s, symbolKind: 'pair' } : s)
  // COIN-M premium index klines exist under perpetual folders only (ADAUSD_PERP, binance-public-data#267):
  // the premium index is a perpetual's premium over its index; delivery contracts have none.
  const premium = (s: DataTypeSpec): DataTypeSpec => (cm ? { ...s, contracts: 'perpetual', note: 'perpetual contracts only (…_PERP)' } : s)
  // binance-public-data#380: COIN-M bookTicker folders last updated 2024-10-15T06:49:25Z; USD-M
  // daily files missing from 2024-04-01 (binance-public-data#334), "last … was March" (#372).
  const bookTicker = (monthly: boolean): DataTypeSpec =>
    cm
      ? flat('stopped', 'last files 2024-10-15 (binance-public-data#380)', { until: '2024-10-15' })
      : flat('stopped', monthly ? 'stopped; the 2024-04 file holds only the first hours (binance-public-data#334)' : 'stopped after 2024-03-31 (binance-public-data#334, #380)', { until: '2024-03-31' })
  return {
    daily: {
      klines: klineDaily(),
      trades: active(),
      aggTrades: active(),
      markPriceKlines: klineDaily(),
      indexPriceKlines: index(klineDaily()),
      premiumIndexKlines: premium(klineDaily()),
      metrics: flat('active', 'daily only'),
      // The maintainer (binance-public-data#437, 2026-05-12): um bookDepth is current, 30 s snapshots;
      // what stopped in Nov 2024 was tick-level order book data. Files of 2025 are analysed in #431.
      bookDepth: cm ? flat('uncertain', 'seen in 2023; current status unknown') : flat('active', '30-second snapshots, ±1–5 % levels (binance-public-data#437)', { since: '2023-01-01' }),
      bookTicker: bookTicker(false),
      liquidationSnapshot: cm
        ? flat('uncertain', 'produced until at least 2024-06')
        : flat('removed', 'stopped after 2024-03-31, later removed from the archive (binance-public-data#337, #361, #420)', { until: '2024-03-31' }),
    },
    monthly: {
      klines: klineMonthly(),
      trades: active(),
      aggTrades: active(),
      markPriceKlines: klineMonthly(),
      indexPriceKlines: index(klineMonthly()),
      premiumIndexKlines: premium(klineMonthly()),
      fundingRate: flat('active', 'monthly only'),
      bookTicker: bookTicker(true),
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
      // Files before and after each hole exist: the series goes on, with days missing
      // (binance-public-data#370 lists 2023/2024 days; #499 lists 2025-12-15 … 2026-01-04).
      BVOLIndex: {
        ...flat('active', 'published daily with known holes (binance-public-data#370, #499)'),
        knownSymbols: ['BTCBVOLUSDT', 'ETHBVOLUSDT'],
        knownGaps: ['2023-09-25', '2023-10-24', '2024-06-11', '2024-06-12', '2024-06-30', '2025-12-15…2026-01-04'],
      },
      EOHSummary: {
        ...flat('stopped', 'BTCUSDT files only 2023-05-18 to 2023-10-23', { since: '2023-05-18', until: '2023-10-23' }),
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

/** The frequencies whose tree has `interval` for a data type, in FREQUENCIES order. */
export function frequenciesWithInterval(market: Market, dataType: string, interval: string): Frequency[] {
  return frequenciesOf(market, dataType).filter((f) => CATALOG[market][f][dataType].intervals?.includes(interval))
}

/** The last day an interval's files exist at a frequency, when that tree stopped holding it. */
export const intervalUntil = (market: Market, frequency: Frequency, dataType: string, interval: string): string | undefined =>
  CATALOG[market][frequency][dataType]?.intervalUntil?.[interval]

/** A dated delivery contract (BTCUSD_240927, BTCUSDT_240927), as opposed to a perpetual. */
export const isDeliveryContract = (symbol: string): boolean => /_\d{6}$/.test(symbol)
