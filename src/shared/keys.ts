// Archive key grammar (reference §1.1, §1.5) and destination key layout (DESIGN §3).
import type { Frequency, Market } from './catalog'
import { dataTypeSpec } from './catalog'

export interface FileRef {
  market: Market
  frequency: Frequency
  dataType: string
  symbol: string
  interval?: string
  /** YYYY-MM-DD for daily, YYYY-MM for monthly. */
  period: string
}

/**
 * Symbols are data that end up in keys and s5cmd lines: upper-case or CJK letters (Binance lists
 * instruments such as 币安人生USDT), digits, `_` and `-` only — never a path or shell character.
 */
export const SYMBOL_RE = /^[\p{Lu}\p{Lo}\p{N}][\p{Lu}\p{Lo}\p{N}_-]{0,63}$/u

/**
 * The archive directory of a symbol. COIN-M index klines live under the pair:
 * BTCUSD_PERP and BTCUSD_240927 both map to BTCUSD.
 */
export function symbolDir(market: Market, frequency: Frequency, dataType: string, symbol: string): string {
  const upper = symbol.toUpperCase()
  return dataTypeSpec(market, frequency, dataType)?.symbolKind === 'pair' ? upper.replace(/_.*$/, '') : upper
}

/** `data/` + the archive's own path for one file. */
export function archiveKey(ref: FileRef, root = 'data/'): string {
  return `${archiveKeyHead(ref, root)}${ref.period}.zip`
}

/**
 * Everything of a file's key before its period: archiveKey(ref) is this + period + `.zip`. The
 * planner makes a folder's head once and its thousand keys from it, not each from the parts.
 */
export function archiveKeyHead(ref: Omit<FileRef, 'period'>, root = 'data/'): string {
  const sym = symbolDir(ref.market, ref.frequency, ref.dataType, ref.symbol)
  const base = `${root}${ref.market}/${ref.frequency}/${ref.dataType}/${sym}/`
  return ref.interval ? `${base}${ref.interval}/${sym}-${ref.interval}-` : `${base}${sym}-${ref.dataType}-`
}

/** The folder holding one symbol's files (what discovery lists). */
export function archiveFolder(ref: Omit<FileRef, 'period'>, root = 'data/'): string {
  const sym = symbolDir(ref.market, ref.frequency, ref.dataType, ref.symbol)
  const base = `${root}${ref.market}/${ref.frequency}/${ref.dataType}/${sym}/`
  return ref.interval ? `${base}${ref.interval}/` : base
}

export const checksumKey = (zipKey: string): string => `${zipKey}.CHECKSUM`

export const basename = (key: string): string => key.slice(key.lastIndexOf('/') + 1)

export function joinKey(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')
}

/** Mirror layout: the object lands at `<destination_prefix>/<full source key>`. */
export const mirrorKey = (destinationPrefix: string, sourceKey: string): string => joinKey(destinationPrefix, sourceKey)

/** `s3://bucket/key`, keys as-is: quoting for s5cmd happens where lines are built. */
export const s3Url = (bucket: string, key: string): string => `s3://${bucket}/${key}`

/** A key read back: `symbol` is the folder's (the pair for COIN-M index klines). */
export interface ParsedKey extends FileRef {
  file: string
}

const PERIOD_RE = /-(\d{4}-\d{2}(?:-\d{2})?)\.zip(?:\.CHECKSUM)?$/

/** Reads an archive key back into its parts; undefined for keys outside the grammar. */
export function parseArchiveKey(key: string, root = 'data/'): ParsedKey | undefined {
  if (!key.startsWith(root)) return undefined
  const parts = key.slice(root.length).split('/')
  const market = (parts[0] === 'futures' ? `futures/${parts[1]}` : parts[0]) as Market
  const rest = parts.slice(market.split('/').length)
  if (!['spot', 'futures/um', 'futures/cm', 'option'].includes(market) || rest.length < 4) return undefined
  const [frequency, dataType, symbol] = rest
  const file = rest[rest.length - 1]
  const period = PERIOD_RE.exec(file)?.[1]
  if ((frequency !== 'daily' && frequency !== 'monthly') || !period || rest.length > 5) return undefined
  return { market, frequency, dataType, symbol, interval: rest.length === 5 ? rest[3] : undefined, period, file }
}

/**
 * Hive-style partitions for query engines:
 * `<prefix>/market=spot/data_type=klines/symbol=BTCUSDT/interval=1h/date=2024-03-01/<file>`.
 * Keys outside the archive grammar keep the mirror layout rather than guess.
 */
export function hiveKey(destinationPrefix: string, sourceKey: string, root = 'data/'): string {
  const p = parseArchiveKey(sourceKey, root)
  if (!p) return mirrorKey(destinationPrefix, sourceKey)
  const parts = [`market=${p.market.replace('/', '_')}`, `data_type=${p.dataType}`, `symbol=${p.symbol}`]
  if (p.interval) parts.push(`interval=${p.interval}`)
  parts.push(`date=${p.period}`, p.file)
  return joinKey(destinationPrefix, ...parts)
}

/**
 * hiveKey for many keys (the planner's, one per object): a folder's partitions are worked out
 * from its first key, the next keys of that folder only add `date=<period>/<file>`. A million
 * keys spent 4.6 s of CPU parsing each one whole (measured).
 */
export function hiveKeyFn(destinationPrefix: string, root = 'data/'): (sourceKey: string) => string {
  let dir: string | undefined
  let head: string | undefined
  return (sourceKey) => {
    const period = PERIOD_RE.exec(sourceKey)?.[1]
    const cut = sourceKey.lastIndexOf('/') + 1
    // The folder decides everything of the parse but the period, when the root lies within it.
    if (!period || cut < root.length) return hiveKey(destinationPrefix, sourceKey, root)
    const file = sourceKey.slice(cut)
    if (dir === undefined || cut !== dir.length || !sourceKey.startsWith(dir)) {
      dir = sourceKey.slice(0, cut)
      const full = hiveKey(destinationPrefix, sourceKey, root)
      const tail = `date=${period}/${file}`
      head = parseArchiveKey(sourceKey, root) ? full.slice(0, full.length - tail.length) : undefined
      return full
    }
    return head === undefined ? hiveKey(destinationPrefix, sourceKey, root) : [head, 'date=', period, '/', file].join('')
  }
}
