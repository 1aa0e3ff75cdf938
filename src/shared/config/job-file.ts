// Rules of the full job file (CLI, base config) that its schema alone cannot say: keys it does not
// know, nulls, settings that contradict each other, and names too long for where they end up.
// Each was once accepted silently: a misspelt `max_concurent` meant the default 10, `s3_config:
// null` meant the default credential chain, a second destination was dropped.
import { dataTypeSpec, type Frequency, type Market } from '../catalog'
import { archiveKey, checksumKey, hiveKey, mirrorKey } from '../keys'
import { issue, type ConfigIssue } from './codes'
import { closest } from './closest'
import { batchOperationsSchema, performanceSchema, pricingSchema, rawConfigSchema, s3ConfigSchema, sourceSchema } from './schema'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** S3 object keys are at most 1,024 bytes of UTF-8 (S3 user guide, "Naming objects"). */
const MAX_KEY_BYTES = 1024
/** PATH_MAX on Linux; macOS allows 1,024 and Windows fewer still, so this bound is generous. */
const MAX_PATH_CHARS = 4096

const TOP = Object.keys(rawConfigSchema.shape)
const NESTED: Readonly<Record<string, readonly string[]>> = {
  performance_optimization: Object.keys(performanceSchema.shape),
  pricing: Object.keys(pricingSchema.shape),
  s3_config: Object.keys(s3ConfigSchema.shape),
  source: Object.keys(sourceSchema.shape),
  batch_operations: Object.keys(batchOperationsSchema.shape),
  date_range: ['start', 'end'],
}

/** CE017 for a key no rule reads, naming the closest known key. Shared with the client config's check. */
export function unknownKeyIssue(path: string, known: readonly string[]): ConfigIssue {
  const near = closest(path.slice(path.lastIndexOf('.') + 1), known)
  return issue('CE017', path, `unknown key "${path}"${near ? `; did you mean "${near}"?` : ''}`)
}

/** Unknown keys (CE017) and nulls (CE033) in a job file, before defaults can hide either. */
export function jobFileKeyIssues(input: unknown): ConfigIssue[] {
  if (!isObj(input)) return []
  const out: ConfigIssue[] = []
  for (const [k, v] of Object.entries(input)) {
    if (!TOP.includes(k)) {
      out.push(unknownKeyIssue(k, TOP))
      continue
    }
    if (v === null) {
      out.push(issue('CE033', k, `${k} is null; remove the key to take its default, or give a value`))
      continue
    }
    const inner = Object.hasOwn(NESTED, k) ? NESTED[k] : undefined
    if (inner && isObj(v))
      for (const [n, nv] of Object.entries(v)) {
        if (!inner.includes(n)) out.push(unknownKeyIssue(`${k}.${n}`, inner))
        else if (nv === null) out.push(issue('CE033', `${k}.${n}`, `${k}.${n} is null; remove the key to take its default, or give a value`))
      }
  }
  return out
}

/** What keyLengthIssues reads of a selection item (validate.ts's SelectionItem). */
interface Selected {
  market: Market
  dataType: string
  frequencies: readonly Frequency[]
  intervals: readonly string[]
  symbols: readonly string[]
}

interface Settings {
  destination_bucket?: string
  destination_prefix: string
  destination_layout: 'mirror' | 'hive'
  output_directory?: string
  sync_mode: 'copy' | 'sync'
  delete_extraneous: boolean
  include_checksums: boolean
  source: { prefix: string }
}

/** Settings that contradict each other (in a whole job file) or cannot be stored where they point. */
export function settingIssues(c: Settings, jobFile: boolean): ConfigIssue[] {
  const out: ConfigIssue[] = []
  if (jobFile && c.destination_bucket && c.output_directory)
    out.push(issue('CE031', 'output_directory', `both destination_bucket ("${c.destination_bucket}") and output_directory are set; a job has one destination (for a download: output_directory, with enable_s3_direct_sync false)`))
  if (jobFile && c.delete_extraneous && c.sync_mode !== 'sync') out.push(issue('CE032', 'delete_extraneous', 'delete_extraneous is set but sync_mode is "copy", which never deletes'))
  if (c.output_directory && c.output_directory.length > MAX_PATH_CHARS)
    out.push(issue('CE030', 'output_directory', `output_directory is ${c.output_directory.length} characters; at most ${MAX_PATH_CHARS}`))
  return out
}

const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length

/** The longest destination key the selection can produce must fit S3's 1,024 bytes (CE030). */
export function keyLengthIssues(c: Settings, selection: readonly Selected[]): ConfigIssue[] {
  if (c.output_directory || selection.length === 0) return []
  const longest = (xs: readonly string[]) => xs.reduce((a, x) => (utf8Bytes(x) > utf8Bytes(a) ? x : a), '')
  let worst = ''
  for (const s of selection)
    for (const frequency of s.frequencies) {
      if (!dataTypeSpec(s.market, frequency, s.dataType)) continue
      const ref = { market: s.market, frequency, dataType: s.dataType, symbol: longest(s.symbols), interval: s.intervals.length ? longest(s.intervals) : undefined, period: frequency === 'daily' ? '2000-01-01' : '2000-01' }
      const zip = archiveKey(ref, c.source.prefix)
      const src = c.include_checksums ? checksumKey(zip) : zip
      const dest = c.destination_layout === 'hive' ? hiveKey(c.destination_prefix, src, c.source.prefix) : mirrorKey(c.destination_prefix, src)
      if (utf8Bytes(dest) > utf8Bytes(worst)) worst = dest
    }
  const bytes = utf8Bytes(worst)
  if (bytes <= MAX_KEY_BYTES) return []
  const field = utf8Bytes(c.destination_prefix) > utf8Bytes(c.source.prefix) ? 'destination_prefix' : 'source.prefix'
  return [issue('CE030', field, `the longest destination key would be ${bytes} bytes (${JSON.stringify(worst.slice(0, 60))}…); S3 keys are at most ${MAX_KEY_BYTES} bytes`)]
}
