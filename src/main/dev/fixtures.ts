// A fake data.binance.vision: real zips of realistic CSVs plus sha256sum-style .CHECKSUM
// siblings (reference §1.6, §1.7), laid out with the shared key grammar, and a bucket seeder.
import { createHash } from 'node:crypto'
import { PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3'
import { zipSync } from 'fflate'
import pMap from 'p-map'
import { dataTypeSpec, type Frequency, type Market } from '../../shared/catalog'
import { daysInRange, monthsInRange } from '../../shared/dates'
import { archiveKey, basename, checksumKey, type FileRef } from '../../shared/keys'
import { periodMs, stepper } from '../../shared/kline-time'

// ---- CSV bodies per data type (reference §2.2), deterministic for a seed ----

const HOUR = 3_600_000
const SPOT_MICROS_FROM = Date.UTC(2025, 0, 1)

/** mulberry32: tiny, fast and stable across runtimes, so fixtures are byte-reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function hashString(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

const periodBounds = periodMs

function basePrice(symbol: string): number {
  if (symbol.startsWith('BTC')) return 42_000
  if (symbol.startsWith('ETH')) return 2_300
  if (symbol.startsWith('BNB')) return 310
  return 0.5 + (hashString(symbol) % 5_000) / 100
}

const HEADERS: Record<string, string> = {
  klines: 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore',
  aggTrades: 'agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker',
  fundingRate: 'calc_time,funding_interval_hours,last_funding_rate',
  metrics:
    'create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio',
}

/** CSV lines (header included where the archive has one) for one archive file. */
function csvLines(ref: FileRef, maxRows: number, seed: number, dropDays: ReadonlySet<string> = new Set()): string[] {
  const spot = ref.market === 'spot'
  const futures = ref.market.startsWith('futures/')
  const [start, end] = periodBounds(ref.period)
  const next = rng(seed)
  let price = basePrice(ref.symbol) * (0.9 + next() * 0.2)
  const px = (v: number): string => v.toFixed(spot ? 8 : 2)
  const qty = (v: number): string => v.toFixed(spot ? 8 : 3)
  // Spot switched to microseconds for data from 2025-01-01 (reference §2.2); futures stay in ms.
  const micros = spot && start >= SPOT_MICROS_FROM
  const ts = (ms: number, endOfMs = false): string => (micros ? String(ms * 1000 + (endOfMs ? 999 : 0)) : String(ms))
  const bool = (b: boolean): string => (spot ? (b ? 'True' : 'False') : b ? 'true' : 'false')
  const walk = (): number => (price = Math.max(price * (1 + (next() - 0.5) * 0.01), 0.0001))
  const times = (n: number): number[] =>
    Array.from({ length: n }, (_, i) => start + Math.floor(((i + next()) * (end - start)) / n))
  const out: string[] = []

  if (dataTypeSpec(ref.market, ref.frequency, ref.dataType)?.needsInterval ?? ref.interval !== undefined) {
    const step = stepper(ref.interval ?? '1d')
    if (!spot) out.push(HEADERS.klines)
    for (let t = start, n = 0; t < end && n < maxRows; t = step(t), n++) {
      // A day the archive's monthly file lacks although its daily file has it (binance-public-data#186).
      if (dropDays.has(new Date(t).toISOString().slice(0, 10))) continue
      const open = price
      const close = walk()
      const high = Math.max(open, close) * (1 + next() * 0.003)
      const low = Math.min(open, close) * (1 - next() * 0.003)
      const vol = 10 + next() * 990
      const taker = vol * (0.3 + next() * 0.4)
      const quote = ref.market === 'futures/cm' ? vol / close : vol * close
      const count = 100 + Math.floor(next() * 20_000)
      const tq = ref.market === 'futures/cm' ? taker / close : taker * close
      const row = [ts(t), px(open), px(high), px(low), px(close), qty(vol), ts(step(t) - 1, true), qty(quote), count, qty(taker), qty(tq), '0']
      out.push(row.join(','))
    }
    return out
  }

  const n = Math.max(1, maxRows)
  let id = 1_000_000 + (hashString(ref.period) % 1_000_000) * 100
  let tradeId = id * 3
  switch (ref.dataType) {
    case 'trades':
      if (futures) out.push(`id,price,qty,${ref.market === 'futures/cm' ? 'base_qty' : 'quote_qty'},time,is_buyer_maker`)
      for (const t of times(n)) {
        const p = walk()
        const q = next() * 2
        const third = ref.market === 'futures/cm' ? q / p : q * p
        out.push([id++, px(p), qty(q), qty(third), ts(t), bool(next() < 0.5), ...(spot ? ['True'] : [])].join(','))
      }
      return out
    case 'aggTrades':
      if (futures) out.push(HEADERS.aggTrades)
      for (const t of times(n)) {
        const first = tradeId
        tradeId += 1 + Math.floor(next() * 4)
        out.push([id++, px(walk()), qty(next() * 2), first, tradeId - 1, ts(t), bool(next() < 0.5), ...(spot ? ['True'] : [])].join(','))
      }
      return out
    case 'fundingRate':
      out.push(HEADERS.fundingRate)
      for (let t = start; t < end && out.length <= n; t += 8 * HOUR) out.push(`${t},8,${((next() - 0.4) * 0.0005).toFixed(8)}`)
      return out
    case 'metrics':
      out.push(HEADERS.metrics)
      for (let t = start; t < end && out.length <= n; t += 300_000) {
        const oi = 80_000 + next() * 5_000
        const stamp = new Date(t).toISOString().slice(0, 19).replace('T', ' ')
        const ratios = Array.from({ length: 4 }, () => (0.8 + next() * 1.6).toFixed(10))
        out.push([stamp, ref.symbol, oi.toFixed(3), (oi * walk()).toFixed(8), ...ratios].join(','))
      }
      return out
    default:
      // The rest (bookDepth, BVOLIndex, ...) only needs plausible bytes: time + symbol + value.
      out.push('timestamp,symbol,value')
      for (const t of times(n)) out.push(`${t},${ref.symbol},${walk().toFixed(8)}`)
      return out
  }
}

// ---- Zips, checksums, archives ----

export interface ArchiveFile {
  key: string
  zip: Uint8Array
  checksumKey: string
  checksum: Uint8Array
  sha256: string
}

export interface ArchiveObject {
  key: string
  body: Uint8Array
}

export interface ArchiveSpec {
  market: Market
  frequency: Frequency
  dataType: string
  symbols: string[]
  /** Required for kline-family types, ignored otherwise. */
  intervals?: string[]
  /** YYYY-MM-DD, inclusive; monthly specs take every month overlapping [start, end]. */
  start: string
  end: string
  /** Periods (zip + checksum left out), zip keys (both left out) or .CHECKSUM keys (checksum only). */
  missing?: string[]
  rows?: number
  /** Every kline of the period (no row cap): what the completeness check expects of a real file. */
  complete?: boolean
  /** Zip key → UTC days its kline rows leave out (a monthly file missing a day the daily files have). */
  dropDays?: Record<string, string[]>
}

export interface S3Target {
  endpoint: string
  accessKeyId: string
  secretAccessKey: string
  region: string
}

const DEFAULT_ROWS = 48
const encoder = new TextEncoder()

export interface FileOptions {
  rows?: number
  seed?: number
  /** UTC days whose kline rows are left out (a monthly file missing days). */
  dropDays?: readonly string[]
  /** Stored, not deflated: a revision then has exactly the size of the original. */
  store?: boolean
  /** 0 = as first published; 1 = re-uploaded with one value corrected, same size, new bytes. */
  revision?: number
}

export function makeArchiveFile(ref: FileRef, opts: FileOptions = {}): ArchiveFile {
  const key = archiveKey(ref)
  const name = basename(key)
  // Seed per key, so sibling files differ yet every file is reproducible on its own.
  const seed = ((opts.seed ?? 1) * 0x9e3779b1) ^ hashString(key)
  const lines = csvLines(ref, opts.rows ?? DEFAULT_ROWS, seed, new Set(opts.dropDays ?? []))
  // Binance replaces files in place ("Archived files may be updated at a later date", README):
  // the revision flips the last digit of the first data row, which keeps every length equal.
  if (opts.revision) {
    const i = lines.findIndex((l) => /\d$/.test(l) && /^\d/.test(l))
    if (i >= 0) lines[i] = lines[i].slice(0, -1) + String((Number(lines[i].slice(-1)) + opts.revision) % 10)
  }
  const csv = encoder.encode(`${lines.join('\n')}\n`)
  // Fixed entry mtime (the day after the period, as if published then): zips are byte-stable.
  const mtime = new Date(periodBounds(ref.period)[1])
  const zip = zipSync({ [name.replace(/\.zip$/, '.csv')]: [csv, { mtime, ...(opts.store ? { level: 0 as const } : {}) }] })
  const sha256 = createHash('sha256').update(zip).digest('hex')
  // Exactly what Binance serves: sha256sum's line, two spaces, basename, no trailing newline.
  const checksum = encoder.encode(`${sha256}  ${name}`)
  return { key, zip, checksumKey: checksumKey(key), checksum, sha256 }
}

export function generateArchive(specs: ArchiveSpec[], opts: { seed?: number } = {}): ArchiveObject[] {
  const out: ArchiveObject[] = []
  for (const spec of specs) {
    const needsInterval = dataTypeSpec(spec.market, spec.frequency, spec.dataType)?.needsInterval ?? Boolean(spec.intervals)
    if (needsInterval && !spec.intervals?.length) throw new Error(`${spec.market} ${spec.dataType} needs intervals`)
    const intervals = needsInterval ? (spec.intervals ?? []) : [undefined]
    const periods = spec.frequency === 'daily' ? daysInRange(spec.start, spec.end) : monthsInRange(spec.start, spec.end)
    const missing = new Set(spec.missing ?? [])
    for (const symbol of spec.symbols) {
      for (const interval of intervals) {
        for (const period of periods) {
          if (missing.has(period)) continue
          const ref: FileRef = { market: spec.market, frequency: spec.frequency, dataType: spec.dataType, symbol, interval, period }
          if (missing.has(archiveKey(ref))) continue
          const key = archiveKey(ref)
          const rows = spec.complete ? Number.MAX_SAFE_INTEGER : spec.rows
          const file = makeArchiveFile(ref, { rows, seed: opts.seed, dropDays: spec.dropDays?.[key] })
          out.push({ key: file.key, body: file.zip })
          if (!missing.has(file.checksumKey)) out.push({ key: file.checksumKey, body: file.checksum })
        }
      }
    }
  }
  return out
}

/** A signed client for a local S3 (the tests' and the demo's). */
export function localClient(s3: S3Target, extra: S3ClientConfig = {}): S3Client {
  return new S3Client({
    ...extra,
    endpoint: s3.endpoint,
    region: s3.region,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: true,
    // s3rver predates the SDK's default flexible checksums and would reject or mangle them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

export async function seedBucket(
  s3: S3Target,
  bucket: string,
  objects: ArchiveObject[],
  opts: { concurrency?: number } = {},
): Promise<void> {
  const client = localClient(s3)
  const put = ({ key, body }: ArchiveObject) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: key.endsWith('.zip') ? 'application/zip' : 'text/plain' }))
  try {
    await pMap(objects, put, { concurrency: Math.max(1, opts.concurrency ?? 16) })
  } finally {
    client.destroy()
  }
}

/**
 * What `npm run demo` serves: a few markets and types over Dec 2024 – Jan 2025 (so spot crosses
 * the ms → µs switch), monthly files for the second half of 2024, one missing day, and the
 * archive's quirks: ETHUSDT's 2024-12 monthly 1h file never published (auto takes its daily
 * files), and BTCUSDT's 2024-12 monthly 1h file without 2024-12-15, which the daily files have.
 */
export function demoArchiveSpec(): ArchiveSpec[] {
  const daily = { frequency: 'daily' as const, start: '2024-12-01', end: '2025-01-31' }
  const monthly = { frequency: 'monthly' as const, start: '2024-07-01', end: '2024-12-31' }
  const spotSymbols = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT']
  return [
    {
      market: 'spot', dataType: 'klines', symbols: spotSymbols, intervals: ['1h', '1d'], ...daily, complete: true,
      missing: ['data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2025-01-15.zip'],
    },
    {
      market: 'spot', dataType: 'klines', symbols: spotSymbols, intervals: ['1h', '1d'], ...monthly, complete: true,
      missing: [DEMO_QUIRKS.unpublishedMonthly],
      dropDays: { [DEMO_QUIRKS.monthlyWithoutDay.key]: [DEMO_QUIRKS.monthlyWithoutDay.day] },
    },
    { market: 'futures/um', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1h'], ...daily },
    { market: 'futures/um', dataType: 'trades', symbols: ['BTCUSDT'], ...daily },
    { market: 'futures/um', dataType: 'fundingRate', symbols: ['BTCUSDT'], ...monthly },
    { market: 'futures/cm', dataType: 'indexPriceKlines', symbols: ['BTCUSD_PERP'], intervals: ['1h'], ...daily },
  ]
}

/** The demo's deliberate quirks, named for tests and docs. */
export const DEMO_QUIRKS = {
  unpublishedMonthly: 'data/spot/monthly/klines/ETHUSDT/1h/ETHUSDT-1h-2024-12.zip',
  monthlyWithoutDay: { key: 'data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-12.zip', day: '2024-12-15' },
} as const

/**
 * A re-upload of one zip: the same size, new bytes, and its `.CHECKSUM` (also of the same size)
 * — what Binance does when it corrects a file (README "Updates"; binance-public-data#405: 1s files
 * re-uploaded on 2023-04-13). The original must have been made with `store: true`.
 */
export function revisedArchiveObjects(ref: FileRef, opts: { rows?: number } = {}): { original: ArchiveObject[]; revised: ArchiveObject[] } {
  const a = makeArchiveFile(ref, { ...opts, store: true })
  const b = makeArchiveFile(ref, { ...opts, store: true, revision: 1 })
  return {
    original: [{ key: a.key, body: a.zip }, { key: a.checksumKey, body: a.checksum }],
    revised: [{ key: b.key, body: b.zip }, { key: b.checksumKey, body: b.checksum }],
  }
}
