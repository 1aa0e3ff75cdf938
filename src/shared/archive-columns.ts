// The archive's CSV columns per data type: names, and which hold times. One table for every
// reader (preview, charts). Sources: binance/binance-public-data README.md @ 5c7f319 ("Klines",
// "Trades", "AggTrades" sections, spot and futures) and /work/shared/reference/binance-archive.md
// §2.2 for the types that README does not document (third-party observations, marked there).
import type { Market } from './catalog'

type ColumnKind = 'time' | 'number' | 'text' | 'bool'

export interface ArchiveColumn {
  /** The README's name (what a person reads), e.g. "Open time". */
  name: string
  kind: ColumnKind
}

const t = (name: string): ArchiveColumn => ({ name, kind: 'time' })
const n = (name: string): ArchiveColumn => ({ name, kind: 'number' })
const s = (name: string): ArchiveColumn => ({ name, kind: 'text' })
const b = (name: string): ArchiveColumn => ({ name, kind: 'bool' })

/** README "Klines" (spot and USD-M): 12 columns, times in the archive's unit (ms, spot µs from 2025). */
const KLINES: ArchiveColumn[] = [
  t('Open time'), n('Open'), n('High'), n('Low'), n('Close'), n('Volume'), t('Close time'),
  n('Quote asset volume'), n('Number of trades'), n('Taker buy base asset volume'), n('Taker buy quote asset volume'), n('Ignore'),
]
/** README, COIN-M klines: volume in contracts, columns 8/10/11 renamed (reference §2.2). */
const CM_KLINES: ArchiveColumn[] = [
  ...KLINES.slice(0, 7), n('Base asset volume'), n('Number of trades'), n('Taker buy volume'), n('Taker buy base asset volume'), n('Ignore'),
]
/** Mark/index/premium klines share the layout; Binance's API calls the volume fields "ignore". */
const PRICE_KLINES: ArchiveColumn[] = [...KLINES.slice(0, 7), n('Ignore'), n('Ignore'), n('Ignore'), n('Ignore'), n('Ignore')]

const SPOT_TRADES = [n('Trade Id'), n('Price'), n('Qty'), n('Quote qty'), t('Time'), b('Is buyer maker'), b('Is best match')]
const SPOT_AGG = [
  n('Aggregate trade Id'), n('Price'), n('Quantity'), n('First trade Id'), n('Last trade Id'), t('Timestamp'),
  b('Was the buyer the maker'), b('Was the trade the best price match'),
]

/** Keyed by data type; a market-specific variant wins over the plain one ("futures/cm:klines"). */
export const ARCHIVE_COLUMNS: Readonly<Record<string, readonly ArchiveColumn[]>> = {
  klines: KLINES,
  'futures/cm:klines': CM_KLINES,
  markPriceKlines: PRICE_KLINES,
  indexPriceKlines: PRICE_KLINES,
  premiumIndexKlines: PRICE_KLINES,
  trades: SPOT_TRADES,
  // Futures trades have no best-match flag; COIN-M counts base quantity (README, futures).
  'futures/um:trades': SPOT_TRADES.slice(0, 6),
  'futures/cm:trades': [...SPOT_TRADES.slice(0, 3), n('Base qty'), ...SPOT_TRADES.slice(4, 6)],
  aggTrades: SPOT_AGG,
  'futures/um:aggTrades': SPOT_AGG.slice(0, 7),
  'futures/cm:aggTrades': SPOT_AGG.slice(0, 7),
  fundingRate: [t('Calc time'), n('Funding interval hours'), n('Last funding rate')],
  metrics: [
    t('Create time'), s('Symbol'), n('Sum open interest'), n('Sum open interest value'), n('Count top trader long/short ratio'),
    n('Sum top trader long/short ratio'), n('Count long/short ratio'), n('Sum taker long/short vol ratio'),
  ],
  bookDepth: [t('Timestamp'), n('Percentage'), n('Depth'), n('Notional')],
  bookTicker: [n('Update Id'), n('Best bid price'), n('Best bid qty'), n('Best ask price'), n('Best ask qty'), t('Transaction time'), t('Event time')],
  liquidationSnapshot: [
    t('Time'), s('Side'), s('Order type'), s('Time in force'), n('Original quantity'), n('Price'), n('Average price'),
    s('Order status'), n('Last fill quantity'), n('Accumulated fill quantity'),
  ],
  BVOLIndex: [t('Calc time'), s('Symbol'), s('Base asset'), s('Quote asset'), n('Index value')],
  EOHSummary: [
    s('Date'), s('Hour'), s('Symbol'), s('Underlying'), s('Type'), n('Strike'), n('Open'), n('High'), n('Low'), n('Close'),
    n('Volume (contracts)'), n('Volume (USDT)'), n('Best bid price'), n('Best ask price'), n('Best bid qty'), n('Best ask qty'),
    n('Best buy IV'), n('Best sell IV'), n('Mark price'), n('Mark IV'), n('Delta'), n('Gamma'), n('Vega'), n('Theta'),
    n('Open interest (contracts)'), n('Open interest (USDT)'),
  ],
}

export const KLINE_TYPES: readonly string[] = ['klines', 'markPriceKlines', 'indexPriceKlines', 'premiumIndexKlines']

/** The columns of one data type in one market; undefined for a type the table does not know. */
export function columnsOf(market: Market, dataType: string): readonly ArchiveColumn[] | undefined {
  return ARCHIVE_COLUMNS[`${market}:${dataType}`] ?? ARCHIVE_COLUMNS[dataType]
}

/**
 * Whether a CSV's first line is a header: futures files gained header rows in 2022 and older ones
 * were not regenerated (reference §2.1), so it is decided per file. The loaders' rule: a header's
 * first field is not a number.
 */
export function isHeaderLine(firstLine: string): boolean {
  const first = firstLine.split(',', 1)[0]?.trim() ?? ''
  return first !== '' && !/^-?\d/.test(first)
}
