// A selection's shape: the folders it touches, the keys expected in each, and where each source
// key lands. The planner (planner.ts) turns these and the folders' listings into a plan.
import type { PlanSummary } from './contract/model'
import type { JobConfig } from './config/validate'
import { FREQUENCIES, intervalUntil } from './catalog'
import { archiveFolder, archiveKeyHead, hiveKey, hiveKeyFn, mirrorKey, symbolDir } from './keys'
import { periodsByKind, type Until } from './periods'
import type { MonthFallback } from './plan-auto'

export interface ListedObject {
  key: string
  size: number
  etag?: string
  lastModified?: string
}

export interface FolderPlan {
  /** Source prefix to list, e.g. data/spot/daily/klines/BTCUSDT/1h/ */
  folder: string
  /** market/frequency/dataType[/interval] — with the symbol, the row of the coverage breakdown. */
  dataset: string
  symbol: string
  expected: string[]
  /** auto: monthly zip key → the daily folder and keys planned instead when the listing lacks it. */
  fallback?: Map<string, MonthFallback>
}

export interface PlannedTask {
  id: number
  sourceKey: string
  destKey: string
  size: number
  etag?: string
  dataset: string
  /** Set when the destination already has this object: nothing to copy. */
  skip?: string
}

export interface Plan {
  tasks: PlannedTask[]
  missingKeys: string[]
  extraneousKeys: string[]
  summary: PlanSummary
}

/** The folders a selection touches and the zip keys expected in each. */
export function planFolders(config: JobConfig, today: string): FolderPlan[] {
  const byFolder = new Map<string, FolderPlan>()
  const root = config.source.prefix
  const { start, end } = config.date_range
  // The periods depend on the frequencies and an interval's end dates, not on the symbol: made
  // once per kind, every symbol's folders share them (and their `<period>.zip` tails).
  const periodsOf = periodsByKind(start, end, today)
  for (const item of config.selection) {
    const intervals = item.intervals.length > 0 ? item.intervals : [undefined]
    for (const symbol of item.symbols)
      for (const interval of intervals) {
        const until: Until = {}
        if (interval) for (const f of item.frequencies) until[f] = intervalUntil(item.market, f, item.dataType, interval)
        const { auto, byFrequency } = periodsOf(item.frequencies, until)
        const refOf = (frequency: (typeof FREQUENCIES)[number]) => ({ market: item.market, frequency, dataType: item.dataType, symbol, interval })
        for (const frequency of FREQUENCIES) {
          const mine = byFrequency[frequency]
          // auto lists the daily folder too: it holds the stand-ins for monthly files not published.
          if (mine.length === 0 && !(auto && frequency === 'daily' && item.frequencies.includes('daily'))) continue
          const ref = refOf(frequency)
          const folder = archiveFolder(ref, root)
          // Contracts that share a pair folder (COIN-M index klines) expect the same keys: the
          // first claims the folder, so each key is planned once.
          if (byFolder.has(folder)) continue
          const dataset = [item.market, frequency, item.dataType, ...(interval ? [interval] : [])].join('/')
          // archiveKey(ref + period) is the folder's head + `<period>.zip`. Joined, the key is one
          // flat string; `head + tail` is a rope the listing lookup flattens into a second copy.
          const head = archiveKeyHead(ref, root)
          const expected = mine.map((p) => [head, p.tail].join(''))
          const plan: FolderPlan = { folder, dataset, symbol: symbolDir(item.market, frequency, item.dataType, symbol), expected }
          if (frequency === 'monthly' && auto) {
            const daily = refOf('daily')
            const dailyFolder = archiveFolder(daily, root)
            const dailyHead = archiveKeyHead(daily, root)
            const dailyDataset = dataset.replace('/monthly/', '/daily/')
            plan.fallback = new Map(mine.map((p, i) => [expected[i], { folder: dailyFolder, dataset: dailyDataset, month: p.period, keys: p.fallbackTails.map((t) => [dailyHead, t].join('')) }]))
          }
          byFolder.set(folder, plan)
        }
      }
  }
  return [...byFolder.values()]
}

/** Where a source object lands: mirrored under the prefix, or the same path under a local folder. */
export function destinationKeyOf(config: JobConfig, sourceKey: string): string {
  return destinationKeyFn(config)(sourceKey)
}

/** The destination prefix to list for one source folder (the incremental diff). */
export function destinationListPrefix(config: JobConfig, folder: string): string {
  if (config.destination_layout !== 'hive' || config.output_directory) return destinationKeyOf(config, folder)
  const probe = hiveKey(config.destination_prefix, `${folder}x-2000-01.zip`, config.source.prefix)
  return probe.slice(0, probe.indexOf('date='))
}

/** destinationKeyOf with the prefix normalised once: the planner calls it per object. */
export function destinationKeyFn(config: JobConfig): (sourceKey: string) => string {
  if (config.output_directory) return (k) => k
  if (config.destination_layout === 'hive') return hiveKeyFn(config.destination_prefix, config.source.prefix)
  const head = mirrorKey(config.destination_prefix, '')
  // One concatenation a key: `${head}/${k}` would make two (head + '/' first, every time).
  const lead = `${head}/`
  return head ? (k) => lead + k : (k) => k
}

/** A short human label for a job: "spot klines 1h · BTCUSDT, ETHUSDT · 2024-03-01…2024-03-10". */
export function jobLabel(config: JobConfig): string {
  const what = config.selection.map((s) => [s.market, s.dataType, ...s.intervals].join(' ')).join('; ')
  const syms = [...new Set(config.selection.flatMap((s) => s.symbols))]
  const who = syms.length > 3 ? `${syms.slice(0, 3).join(', ')} +${syms.length - 3}` : syms.join(', ')
  return `${what} · ${who} · ${config.date_range.start}…${config.date_range.end}`
}
