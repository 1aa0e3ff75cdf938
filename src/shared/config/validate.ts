// Parse + validate a job file into a normalized JobConfig, collecting every issue with its code.
// Nothing here sends a request: a bad config fails before the first byte moves.
import type { z } from 'zod'
import { CATALOG, FREQUENCIES, MARKET_ALIASES, dataTypeSpec, frequenciesWithInterval, intervalUntil, isDeliveryContract, marketOf, type Frequency, type Market } from '../catalog'
import { parseDay, today } from '../dates'
import { isLatest } from '../latest'
import { SYMBOL_RE } from '../keys'
import { CODE_BY_FIELD, issue, type ConfigIssue } from './codes'
import { batchIssues } from './batch-rules'
import { applyEnvOverrides } from './env'
import { jobFileKeyIssues, keyLengthIssues, settingIssues } from './job-file'
import { rawConfigSchema, type ParsedConfig } from './schema'

interface SelectionItem {
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
  /** Size limits (CE019-CE021) for configs that arrive over a connection: a request of a few kB must not expand into an unbounded plan. */
  limits?: PlanLimits
  /**
   * A whole job file (the CLI's): one destination, and deletion only with sync. A connection's
   * config lies over the server's base config, whose bucket or delete_extraneous are defaults the
   * job's own choice (a local folder, sync_mode copy) overrides, so these two rules are the file's.
   */
  jobFile?: boolean
}

export interface PlanLimits {
  symbols: number
  days: number
  files: number
}

/** Generous for a person at the UI (the whole archive of a handful of symbols), finite for a script. */
export const CLIENT_LIMITS: PlanLimits = { symbols: 1000, days: 4000, files: 1_000_000 }

/** S3 bucket naming rules: 3-63 characters, lowercase letters, digits, dots and hyphens, no "..". */
const BUCKET_RE = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
/** AWS region names; also what keeps a region out of s5cmd's line-split batch and request URLs. */
const REGION_RE = /^[a-z0-9-]+$/
const UNSAFE_PATH = /(^|[\\/])\.\.([\\/]|$)|\\|[\u0000-\u001f]/
/** A local folder may use either separator (Windows), but never climb with ".." or carry control characters. */
const UNSAFE_FOLDER = /(^|[\\/])\.\.([\\/]|$)|[\u0000-\u001f]/
const DAY_MS = 86_400_000

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
  // Before env overrides and defaults, which would make a null or a misspelt key look like a default.
  const keys = jobFileKeyIssues(input)
  if (keys.length > 0) return { ok: false, issues: keys }
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
  // The source's names reach s5cmd's `cp` lines and request URLs: the same rules as the destination's.
  if (!BUCKET_RE.test(c.source.bucket)) push('CE009', 'source.bucket', `${JSON.stringify(c.source.bucket)} is not a valid bucket name`)
  if (UNSAFE_PATH.test(c.source.prefix)) push('CE016', 'source.prefix', `${JSON.stringify(c.source.prefix)} climbs out of the prefix or has control characters`)
  if (c.output_directory && UNSAFE_FOLDER.test(c.output_directory))
    push('CE016', 'output_directory', `${JSON.stringify(c.output_directory.slice(0, 120))} climbs with ".." or has control characters; give the folder itself`)
  issues.push(...settingIssues(c, Boolean(opts.jobFile)), ...batchIssues(c))
  for (const [field, region] of [['s3_config.region', c.s3_config.region], ['source.region', c.source.region]] as const)
    if (!REGION_RE.test(region)) push('CE022', field, `${JSON.stringify(region)} is not a region name`)

  // Selection
  for (const f of ['markets', 'symbols', 'data_types', 'date_range'] as const) if (c[f] === undefined) push('CE014', f, `${f} is required`)
  if (c.markets?.length === 0) push('CE014', 'markets', 'markets is empty: a job needs at least one market')
  const markets: Market[] = []
  for (const m of c.markets ?? []) {
    const market = marketOf(m)
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
  const keyOf = (k: string) => marketOf(k) ?? k
  for (const market of markets) {
    const dataTypes = pick(c.data_types, market, keyOf) ?? []
    const symbols = [...new Set((pick(c.symbols, market, keyOf) ?? []).map((s) => s.toUpperCase()))]
    for (const s of symbols) if (!SYMBOL_RE.test(s)) push('CE008', `symbols`, `"${s}" is not a valid symbol`)
    if (c.symbols && symbols.length === 0) push('CE014', 'symbols', `no symbols for market ${market}`)
    if (c.data_types && dataTypes.length === 0) push('CE014', 'data_types', `no data types for market ${market}`)
    for (const dt of dataTypes) {
      const has = FREQUENCIES.filter((f) => dataTypeSpec(market, f, dt))
      if (has.length === 0) {
        const all = [...new Set(FREQUENCIES.flatMap((f) => Object.keys(CATALOG[market][f])))]
        push('CE006', 'data_types', `${market} has no data type "${dt}"; allowed: ${all.join(', ')}`)
        continue
      }
      const frequencies = c.frequency === 'auto' ? has : has.filter((f) => f === c.frequency)
      if (frequencies.length === 0) {
        push('CE011', 'frequency', `${market} ${dt} is not published ${c.frequency}; it has: ${has.join(', ')}`)
        continue
      }
      const spec = dataTypeSpec(market, frequencies[0], dt)!
      if (spec.contracts === 'perpetual')
        for (const s of symbols.filter(isDeliveryContract))
          push('CE025', 'symbols', `${market} ${dt} is published for perpetual contracts only; "${s}" is a dated contract (use its perpetual, e.g. ${s.replace(/_\d{6}$/, '_PERP')})`)
      const explicit = c.intervals && !Array.isArray(c.intervals) && Object.hasOwn(c.intervals, dt) ? c.intervals[dt] : undefined
      if (!spec.needsInterval) {
        if (explicit && explicit.length > 0) push('CE007', `intervals.${dt}`, `${dt} takes no interval`)
        selection.push({ market, dataType: dt, frequencies, intervals: [], symbols })
        continue
      }
      const intervals = pick(c.intervals, dt) ?? []
      const takes = [...new Set(frequencies.flatMap((f) => dataTypeSpec(market, f, dt)?.intervals ?? []))]
      if (intervals.length === 0) push('CE007', 'intervals', `${market} ${dt} needs intervals; allowed: ${takes.join(', ')}`)
      for (const [fs, ivs] of intervalGroups(market, dt, frequencies, intervals, dr, push)) selection.push({ market, dataType: dt, frequencies: fs, intervals: ivs, symbols })
    }
  }
  if (issues.length === 0 && selection.length === 0) push('CE014', 'data_types', 'the selection names no archive files')
  if (issues.length === 0) issues.push(...keyLengthIssues(c, selection))
  if (opts.limits && issues.length === 0) issues.push(...limitIssues(selection, dr!, opts.limits, opts.now))
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, config: { ...c, markets, date_range: dr!, selection } }
}

/** Counted before any listing: an upper bound of the archive files the selection names. */
function limitIssues(selection: readonly SelectionItem[], dr: { start: string; end: string }, limits: PlanLimits, now?: Date): ConfigIssue[] {
  const out: ConfigIssue[] = []
  // "latest" is found from the listing later; today bounds it.
  const end = parseDay(isLatest(dr.end) ? today(now) : dr.end)!
  const days = (end.getTime() - parseDay(dr.start)!.getTime()) / DAY_MS + 1
  const symbols = new Set(selection.flatMap((s) => s.symbols.map((sym) => `${s.market}/${sym}`))).size
  if (symbols > limits.symbols) out.push(issue('CE019', 'symbols', `${symbols} symbols; at most ${limits.symbols} per job`))
  if (days > limits.days) out.push(issue('CE020', 'date_range', `${days} days; at most ${limits.days} per job`))
  const months = Math.ceil(days / 28) + 1
  const files = selection.reduce((n, s) => n + s.symbols.length * Math.max(1, s.intervals.length) * (s.frequencies.includes('daily') ? days : months), 0)
  if (files > limits.files) out.push(issue('CE021', 'selection', `up to ${files.toLocaleString('en-US')} archive files; at most ${limits.files.toLocaleString('en-US')} per job`))
  return out
}

/**
 * Intervals grouped by the frequencies that can carry them. Trees differ: daily trees have no
 * 3d/1w/1mo for spot (python/enums.py DAILY_INTERVALS), futures trees stopped holding them on a
 * known day. With `auto` an interval only one tree has is planned from that tree alone, and an
 * interval whose every tree ended before the range starts is refused (CE026).
 */
function intervalGroups(
  market: Market,
  dt: string,
  frequencies: readonly Frequency[],
  intervals: readonly string[],
  range: { start: string; end: string } | undefined,
  push: (...a: Parameters<typeof issue>) => void,
): [Frequency[], string[]][] {
  const { start, end } = range ?? {}
  const groups = new Map<string, [Frequency[], string[]]>()
  for (const iv of intervals) {
    const fs = frequencies.filter((f) => dataTypeSpec(market, f, dt)?.intervals?.includes(iv))
    if (fs.length === 0) {
      const elsewhere = frequenciesWithInterval(market, dt, iv)
      const allowed = [...new Set(frequencies.flatMap((f) => dataTypeSpec(market, f, dt)?.intervals ?? []))].join(', ')
      push(
        'CE007',
        'intervals',
        elsewhere.length > 0
          ? `${market} ${dt} ${frequencies.join('/')} has no interval "${iv}"; "${iv}" is published ${elsewhere.join(' and ')} only (use frequency ${elsewhere.join(' or ')})`
          : `${market} ${dt} has no interval "${iv}"; allowed: ${allowed}`,
      )
      continue
    }
    const live = fs.filter((f) => {
      const until = intervalUntil(market, f, dt, iv)
      return !until || !start || start <= until
    })
    const ends = fs.map((f) => `${f} until ${intervalUntil(market, f, dt, iv)}`).join(', ')
    if (live.length === 0) {
      push('CE026', 'intervals', `${market} ${dt} "${iv}" files ended (${ends}); the range starts ${start}`)
      continue
    }
    // Days after every tree ended would be neither copied nor missing: refuse rather than drop them.
    const last = live.map((f) => intervalUntil(market, f, dt, iv)).reduce<string | undefined>((a, u) => (a === undefined || u === undefined ? undefined : u > a ? u : a), '')
    if (last && end && end > last) {
      push('CE026', 'intervals', `${market} ${dt} "${iv}" files ended (${ends}); end the range by ${last}`)
      continue
    }
    const k = live.join('+')
    const g = groups.get(k) ?? [live, []]
    g[1].push(iv)
    groups.set(k, g)
  }
  return [...groups.values()]
}
