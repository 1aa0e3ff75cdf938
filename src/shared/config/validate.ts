// Parse + validate a job file into a normalized JobConfig, collecting every issue with its code.
// Nothing here sends a request: a bad config fails before the first byte moves.
import type { z } from 'zod'
import { CATALOG, FREQUENCIES, MARKET_ALIASES, type Frequency, type Market } from '../catalog'
import { parseDay, today } from '../dates'
import { isLatest } from '../latest'
import { SYMBOL_RE } from '../keys'
import { CODE_BY_FIELD, issue, type ConfigIssue } from './codes'
import { applyEnvOverrides } from './env'
import { rawConfigSchema, type ParsedConfig } from './schema'

export interface SelectionItem {
  market: Market
  dataType: string
  /** The frequencies to plan: one, or both for `auto` where the data type has both. */
  frequencies: Frequency[]
  /** Empty for data types without an interval level. */
  intervals: string[]
  symbols: string[]
}

export interface JobConfig extends ParsedConfig {
  markets: Market[]
  date_range: { start: string; end: string }
  selection: SelectionItem[]
}

export type ConfigResult = { ok: true; config: JobConfig } | { ok: false; issues: ConfigIssue[] }

export interface ValidateOptions {
  env?: Readonly<Record<string, string | undefined>>
  now?: Date
}

const BUCKET_RE = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const UNSAFE_PATH = /(^|[\\/])\.\.([\\/]|$)|\\|[\u0000-\u001f]/

function fromZod(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => {
    const field = i.path.join('.')
    return issue(CODE_BY_FIELD[String(i.path[0])] ?? 'CE015', field || '(root)', i.message)
  })
}

/** list → same list for every key; map → that key's list (aliases resolved by `keyOf`). */
function pick(v: string[] | Record<string, string[]> | undefined, key: string, keyOf: (k: string) => string = (k) => k) {
  if (v === undefined) return undefined
  if (Array.isArray(v)) return v
  const hit = Object.entries(v).find(([k]) => keyOf(k) === key)
  return hit?.[1]
}

export function validateConfig(input: unknown, opts: ValidateOptions = {}): ConfigResult {
  const raw = applyEnvOverrides(input, opts.env ?? {}) as Record<string, unknown>
  const parsed = rawConfigSchema.safeParse(raw)
  if (parsed.success) return checkRules(parsed.data, opts)
  // Report every problem at once: drop the malformed fields, check the rules on the rest, and
  // keep the rule issues that do not just repeat a dropped field.
  const shape = fromZod(parsed.error)
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])))
  const rest = rawConfigSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))))
  const rules = rest.success ? checkRules(rest.data, opts) : { ok: true as const }
  const more = rules.ok ? [] : rules.issues.filter((i) => !bad.has(i.field.split('.')[0]) && !(i.code === 'CE001' && bad.has('destination_bucket')))
  return { ok: false, issues: [...shape, ...more] }
}

function checkRules(c: ParsedConfig, opts: ValidateOptions): ConfigResult {
  const issues: ConfigIssue[] = []
  const push = (...a: Parameters<typeof issue>) => issues.push(issue(...a))

  // Destination
  if (c.enable_s3_direct_sync && !c.destination_bucket) push('CE001', 'destination_bucket', 'destination bucket required when S3 direct sync is enabled')
  else if (!c.destination_bucket && !c.output_directory) push('CE013', 'destination_bucket', 'no destination: neither destination_bucket nor output_directory is set')
  if (c.destination_bucket && !BUCKET_RE.test(c.destination_bucket)) push('CE009', 'destination_bucket', `"${c.destination_bucket}" is not a valid bucket name`)
  if (UNSAFE_PATH.test(c.destination_prefix)) push('CE016', 'destination_prefix', `"${c.destination_prefix}" climbs out of the prefix or has control characters`)

  // Selection
  for (const f of ['markets', 'symbols', 'data_types', 'date_range'] as const) if (c[f] === undefined) push('CE014', f, `${f} is required`)
  const markets: Market[] = []
  for (const m of c.markets ?? []) {
    const market = MARKET_ALIASES[m]
    if (market) markets.push(market)
    else push('CE005', 'markets', `unknown market "${m}"; allowed: ${Object.keys(MARKET_ALIASES).join(', ')}`)
  }
  const dr = c.date_range
  if (dr) {
    // "latest" is resolved from the archive's listing when the plan is made (src/shared/latest.ts).
    const [a, b] = [parseDay(dr.start), isLatest(dr.end) ? undefined : parseDay(dr.end)]
    if (!a) push('CE004', 'date_range.start', `"${dr.start}" is not a date (YYYY-MM-DD)`)
    if (!b && !isLatest(dr.end)) push('CE004', 'date_range.end', `"${dr.end}" is not a date (YYYY-MM-DD) or "latest"`)
    if (a && b && a > b) push('CE004', 'date_range', `start ${dr.start} is after end ${dr.end}`)
    if (b && dr.end > today(opts.now)) push('CE012', 'date_range.end', `${dr.end} is in the future (today is ${today(opts.now)} UTC)`)
  }

  const selection: SelectionItem[] = []
  const marketOf = (k: string) => MARKET_ALIASES[k] ?? k
  for (const market of markets) {
    const offered = CATALOG[market]
    const dataTypes = pick(c.data_types, market, marketOf) ?? []
    const symbols = [...new Set((pick(c.symbols, market, marketOf) ?? []).map((s) => s.toUpperCase()))]
    for (const s of symbols) if (!SYMBOL_RE.test(s)) push('CE008', `symbols`, `"${s}" is not a valid symbol`)
    if (c.symbols && symbols.length === 0) push('CE014', 'symbols', `no symbols for market ${market}`)
    if (c.data_types && dataTypes.length === 0) push('CE014', 'data_types', `no data types for market ${market}`)
    for (const dt of dataTypes) {
      const has = FREQUENCIES.filter((f) => offered[f][dt])
      if (has.length === 0) {
        const all = [...new Set(FREQUENCIES.flatMap((f) => Object.keys(offered[f])))]
        push('CE006', 'data_types', `${market} has no data type "${dt}"; allowed: ${all.join(', ')}`)
        continue
      }
      const frequencies = c.frequency === 'auto' ? has : has.filter((f) => f === c.frequency)
      if (frequencies.length === 0) {
        push('CE011', 'frequency', `${market} ${dt} is not published ${c.frequency}; it has: ${has.join(', ')}`)
        continue
      }
      const takes = frequencies.flatMap((f) => offered[f][dt].intervals ?? [])
      const needs = offered[frequencies[0]][dt].needsInterval
      const explicit = c.intervals && !Array.isArray(c.intervals) ? c.intervals[dt] : undefined
      let intervals: string[] = []
      if (needs) {
        intervals = pick(c.intervals, dt) ?? []
        if (intervals.length === 0) push('CE007', 'intervals', `${market} ${dt} needs intervals; allowed: ${[...new Set(takes)].join(', ')}`)
        for (const iv of intervals)
          if (!takes.includes(iv)) push('CE007', 'intervals', `${market} ${dt} ${frequencies.join('/')} has no interval "${iv}"; allowed: ${[...new Set(takes)].join(', ')}`)
      } else if (explicit && explicit.length > 0) {
        push('CE007', `intervals.${dt}`, `${dt} takes no interval`)
      }
      selection.push({ market, dataType: dt, frequencies, intervals, symbols })
    }
  }
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, config: { ...c, markets, date_range: dr!, selection } }
}
