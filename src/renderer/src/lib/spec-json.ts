// Import and export of the spec's JSON job file. Importing never keeps credentials in the page:
// keys in a file are dropped with a note (DESIGN §10), a profile name is kept.
import type { Frequency, Market } from '../../../shared/catalog'
import { marketOf } from '../../../shared/catalog'
import { DEFAULT_SETTINGS, type JobSettings } from './job-settings'
import { reconcile, type Selection } from './selection'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const first = (v: unknown, key?: string): string[] => (Array.isArray(v) ? v.map(String) : isObj(v) && key && Array.isArray(v[key]) ? (v[key] as unknown[]).map(String) : isObj(v) ? (Object.values(v).find(Array.isArray) ?? []).map(String) : [])

export interface Imported {
  selection: Selection
  settings: JobSettings
  notes: string[]
}

export function importSpecJson(text: string, current: Selection): Imported {
  const raw: unknown = JSON.parse(text)
  if (!isObj(raw)) throw new Error('the file is not a JSON object')
  const notes: string[] = []
  const marketName = first(raw.markets)[0]
  const market: Market = (marketName && marketOf(marketName)) || current.market
  if ((Array.isArray(raw.markets) ? raw.markets.length : 0) > 1) notes.push(`only the first market (${market}) is shown in the form`)
  const s3 = isObj(raw.s3_config) ? raw.s3_config : {}
  if (s3.access_key_id || s3.secret_access_key || s3.session_token) notes.push('credentials in the file were ignored: use a profile or the server settings')
  const perf = isObj(raw.performance_optimization) ? raw.performance_optimization : {}
  const dr = isObj(raw.date_range) ? raw.date_range : {}
  const freq = raw.frequency === 'monthly' ? 'monthly' : 'daily'
  const dataType = first(raw.data_types, market)[0] ?? current.dataType
  const selection = reconcile({
    ...current,
    market,
    dataType,
    frequency: freq as Frequency,
    interval: first(raw.intervals, dataType)[0] ?? current.interval,
    symbols: first(raw.symbols, market).map((s) => s.toUpperCase()),
    start: typeof dr.start === 'string' ? dr.start : current.start,
    end: typeof dr.end === 'string' ? dr.end : current.end,
    destinationBucket: typeof raw.destination_bucket === 'string' ? raw.destination_bucket : current.destinationBucket,
    destinationPrefix: typeof raw.destination_prefix === 'string' ? raw.destination_prefix : current.destinationPrefix,
    maxConcurrent: typeof perf.max_concurrent === 'number' ? perf.max_concurrent : current.maxConcurrent,
  })
  const pick = <K extends keyof JobSettings>(k: K, v: unknown): JobSettings[K] => (v === undefined ? DEFAULT_SETTINGS[k] : (v as JobSettings[K]))
  const settings: JobSettings = {
    operation_mode: pick('operation_mode', raw.operation_mode),
    sync_mode: pick('sync_mode', raw.sync_mode),
    verify: pick('verify', raw.verify),
    destination_layout: pick('destination_layout', raw.destination_layout),
    include_checksums: pick('include_checksums', raw.include_checksums),
    frequencyAuto: raw.frequency === 'auto',
    batch_size: pick('batch_size', perf.batch_size),
    part_size_mb: pick('part_size_mb', perf.part_size_mb),
    retry_count: pick('retry_count', perf.retry_count),
    profile: typeof s3.profile === 'string' ? s3.profile : '',
    region: typeof s3.region === 'string' ? s3.region : '',
  }
  return { selection, settings, notes }
}
