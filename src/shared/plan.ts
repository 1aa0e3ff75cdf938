// From a selection and the listings to a plan: every source object → its destination key,
// what is missing from the archive, and what the destination already has. Pure and linear,
// so 100,000 tasks plan in well under a second (npm run bench).
import type { PlanSummary } from './contract/model'
import type { JobConfig } from './config/validate'
import { FREQUENCIES, intervalUntil } from './catalog'
import { archiveFolder, archiveKeyHead, hiveKey, hiveKeyFn, mirrorKey, symbolDir } from './keys'
import { indexListing, type ListingIndex } from './plan-index'
import { periodsByKind, type Until } from './periods'
import { newSources, type MonthFallback } from './plan-auto'

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

const SINGLE_PART_ETAG = /^[0-9a-f]{32}$/
const secondOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000)

/**
 * Is the destination's copy the source's current version? Binance replaces files in place, so
 * an equal size is not enough: single-part ETags (MD5s) must match, and where an ETag cannot
 * compare (multipart uploads) the copy must be newer than the source.
 */
function compareCopies(src: ListedObject, dst: ListedObject | undefined): 'absent' | 'same' | 'changed' {
  if (!dst) return 'absent'
  if (dst.size !== src.size) return 'changed'
  if (src.etag && dst.etag && SINGLE_PART_ETAG.test(src.etag) && SINGLE_PART_ETAG.test(dst.etag)) return src.etag === dst.etag ? 'same' : 'changed'
  // Whole seconds: S3 listings and HTTP Last-Modified headers carry no more, and a local copy's
  // mtime is set from the header.
  if (src.lastModified && dst.lastModified) return secondOf(dst.lastModified) >= secondOf(src.lastModified) ? 'same' : 'changed'
  return 'same'
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

const SAME = 'already at the destination: same size, same version'


export function buildPlan(
  config: JobConfig,
  folders: readonly FolderPlan[],
  source: ReadonlyMap<string, readonly ListedObject[]>,
  destination?: ReadonlyMap<string, ListedObject>,
  /** include/exclude patterns, compiled by the caller: false leaves a zip (and its checksum) out. */
  keepName?: (zipName: string) => boolean,
): Plan {
  const tasks: PlannedTask[] = []
  const missingKeys: string[] = []
  const rows = new Map<string, PlanSummary['byDataset'][number]>()
  // An empty destination has nothing to compare: every object is absent from it.
  const compare = config.enable_incremental && destination !== undefined && destination.size > 0
  const destKeyOf = destinationKeyFn(config)
  let changed = 0
  let excluded = 0
  const sources = newSources()
  // A folder's listing indexed by key while a folder still to plan reads it, then let go: held to
  // the end, the indexes of a million-object listing raised the peak RSS by ~35 MB (measured).
  const lastUse = new Map<string, number>()
  folders.forEach((f, i) => {
    if (f.expected.length === 0) return
    lastUse.set(f.folder, i)
    if (f.fallback) for (const fb of f.fallback.values()) lastUse.set(fb.folder, i)
  })
  const releaseAfter: string[][] = folders.map(() => [])
  for (const [folder, i] of lastUse) releaseAfter[i].push(folder)
  const byKey = new Map<string, ListingIndex<ListedObject>>()
  const listedIn = (folder: string) => {
    let m = byKey.get(folder)
    if (!m) byKey.set(folder, (m = indexListing(source.get(folder) ?? [])))
    return m
  }
  const rowOf = (dataset: string, symbol: string) => {
    const rowKey = `${dataset} ${symbol}`
    const row = rows.get(rowKey) ?? { dataset, symbol, objects: 0, bytes: 0, missing: 0 }
    rows.set(rowKey, row)
    return row
  }
  const push = (o: ListedObject, dataset: string, row: ReturnType<typeof rowOf>) => {
    const destKey = destKeyOf(o.key)
    const state = compare ? compareCopies(o, destination.get(destKey)) : 'absent'
    if (state === 'changed') changed += 1
    // Two fixed shapes, no spread: `skip` is there only when the destination has the object.
    tasks.push(
      state === 'same'
        ? { id: tasks.length, sourceKey: o.key, destKey, size: o.size, etag: o.etag, dataset, skip: SAME }
        : { id: tasks.length, sourceKey: o.key, destKey, size: o.size, etag: o.etag, dataset },
    )
    row.objects += 1
    row.bytes += o.size
  }
  const take = (zip: ListedObject, listed: ListingIndex<ListedObject>, dataset: string, row: ReturnType<typeof rowOf>) => {
    const sum = config.include_checksums ? listed.checksumOf(zip) : undefined
    push(zip, dataset, row)
    if (sum) push(sum, dataset, row)
  }
  for (const [i, f] of folders.entries()) {
    // auto's daily folder for closed months only: its keys are planned as stand-ins, not expected.
    if (f.expected.length === 0) continue
    const listed = listedIn(f.folder)
    const row = rowOf(f.dataset, f.symbol)
    for (const zipKey of f.expected) {
      if (keepName && !keepName(zipKey.slice(zipKey.lastIndexOf('/') + 1))) {
        excluded += 1
        continue
      }
      const zip = listed.get(zipKey)
      const fallback = f.fallback?.get(zipKey)
      if (fallback && !zip) {
        // The monthly file is not listed: that month's daily files stand in, each one checked.
        const daily = listedIn(fallback.folder)
        const dailyRow = rowOf(fallback.dataset, f.symbol)
        const missed: string[] = []
        for (const k of fallback.keys) {
          const o = daily.get(k)
          if (o) take(o, daily, fallback.dataset, dailyRow)
          else missed.push(k)
        }
        // No daily tree to stand in (an ended interval): the monthly key itself is what is missing.
        if (fallback.keys.length === 0) missed.push(zipKey)
        for (const k of missed) missingKeys.push(k)
        if (fallback.keys.length === 0) row.missing += 1
        else dailyRow.missing += missed.length
        sources.add(f, fallback, missed.length >= fallback.keys.length ? 'missing' : 'daily', missed)
        continue
      }
      if (fallback) sources.add(f, fallback, 'monthly', [])
      if (!zip) {
        missingKeys.push(zipKey)
        row.missing += 1
        continue
      }
      take(zip, listed, f.dataset, row)
    }
    for (const folder of releaseAfter[i]) byKey.delete(folder)
  }
  let bytes = 0
  let toCopy = 0
  let toCopyBytes = 0
  for (const t of tasks) {
    bytes += t.size
    if (t.skip) continue
    toCopy += 1
    toCopyBytes += t.size
  }
  const summary: PlanSummary = {
    objects: tasks.length,
    bytes,
    toCopy,
    toCopyBytes,
    alreadyThere: tasks.length - toCopy,
    changed,
    excluded,
    missing: missingKeys.length,
    missingKeys: missingKeys.slice(0, 1000),
    extraneous: 0,
    extraneousKeys: [],
    byDataset: [...rows.values()],
    ...(sources.size() > 0 ? { periodSources: sources.summary() } : {}),
  }
  return { tasks, missingKeys, extraneousKeys: [], summary }
}

/** A short human label for a job: "spot klines 1h · BTCUSDT, ETHUSDT · 2024-03-01…2024-03-10". */
export function jobLabel(config: JobConfig): string {
  const what = config.selection.map((s) => [s.market, s.dataType, ...s.intervals].join(' ')).join('; ')
  const syms = [...new Set(config.selection.flatMap((s) => s.symbols))]
  const who = syms.length > 3 ? `${syms.slice(0, 3).join(', ')} +${syms.length - 3}` : syms.join(', ')
  return `${what} · ${who} · ${config.date_range.start}…${config.date_range.end}`
}
