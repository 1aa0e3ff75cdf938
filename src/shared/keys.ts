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

/** Symbols are data that end up in keys and s5cmd lines: letters, digits, `_` and `-` only. */
export const SYMBOL_RE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/

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
  const sym = symbolDir(ref.market, ref.frequency, ref.dataType, ref.symbol)
  const base = `${root}${ref.market}/${ref.frequency}/${ref.dataType}/${sym}/`
  return ref.interval
    ? `${base}${ref.interval}/${sym}-${ref.interval}-${ref.period}.zip`
    : `${base}${sym}-${ref.dataType}-${ref.period}.zip`
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
