// From a selection's folders and their listings to a plan: every source object → its destination
// key, what is missing from the archive, and what the destination already has. Fed folder by
// folder as listings arrive; pure and linear, so a million tasks plan in about a second (npm run bench).
import type { PlanSummary } from './contract/model'
import type { JobConfig } from './config/validate'
import { destinationKeyFn, type FolderPlan, type ListedObject, type Plan, type PlannedTask } from './plan'
import { indexListing, type ListingIndex } from './plan-index'
import { newSources } from './plan-auto'

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

const SAME = 'already at the destination: same size, same version'

/** A listing let go by the planner: what it held, and which of its keys became tasks or were expected and missing. */
export interface ReleasedListing {
  folder: string
  objects: readonly ListedObject[]
  taken: string[]
  missing: string[]
}

export interface PlannerOptions {
  destination?: ReadonlyMap<string, ListedObject>
  /** include/exclude patterns, compiled by the caller: false leaves a zip (and its checksum) out. */
  keepName?: (zipName: string) => boolean
  /** Called once per listed folder, when no folder still to plan reads it (wildcard runs, sync's present keys). */
  onRelease?: (r: ReleasedListing) => void
  /**
   * The tasks a listing's arrival planned, in plan order (ids go on from the last call), after the
   * listings it let go were released: a job copies them while later folders are still listed.
   */
  onPlanned?: (tasks: readonly PlannedTask[]) => void
}

export interface Planner {
  /** One folder's whole listing, in any order: folders are planned in order as their listings arrive. */
  add(folder: string, objects: readonly ListedObject[]): void
  /** The plan; folders never added plan as empty listings. */
  finish(): Plan
}

/**
 * The planner, fed folder by folder: each listing is planned as soon as it and the listings it
 * falls back to have arrived, then let go, so a million-object selection never holds its whole
 * listing (npm run bench: plan of 1,000,000 tasks).
 */
export function createPlanner(config: JobConfig, folders: readonly FolderPlan[], opts: PlannerOptions = {}): Planner {
  const { destination, keepName } = opts
  const tasks: PlannedTask[] = []
  const missingKeys: string[] = []
  const rows = new Map<string, PlanSummary['byDataset'][number]>()
  // An empty destination has nothing to compare: every object is absent from it.
  const compare = config.enable_incremental && destination !== undefined && destination.size > 0
  const destKeyOf = destinationKeyFn(config)
  let changed = 0
  let excluded = 0
  const sources = newSources()
  // The last folder to read each listing: a fallback folder is read by the monthly folder that
  // needs it, so it stays until then and no longer (held to the end, the indexes of a
  // million-object listing raised the peak RSS by ~35 MB, measured).
  const lastUse = new Map<string, number>()
  const needs: string[][] = folders.map((f, i) => {
    if (f.expected.length === 0) return []
    const mine = new Set([f.folder, ...[...(f.fallback?.values() ?? [])].map((fb) => fb.folder)])
    for (const folder of mine) lastUse.set(folder, i)
    return [...mine]
  })
  const releaseAfter: string[][] = folders.map(() => [])
  for (const [folder, i] of lastUse) releaseAfter[i].push(folder)
  interface Arrived { objects: readonly ListedObject[]; index?: ListingIndex<ListedObject>; taken: string[]; missing: string[] }
  const arrived = new Map<string, Arrived>()
  const released = new Set<string>()
  /** A listing being planned: indexed on first use, with what it gives. */
  const listedIn = (folder: string): Arrived & { index: ListingIndex<ListedObject> } => {
    const a = arrived.get(folder)!
    a.index ??= indexListing(a.objects)
    return a as Arrived & { index: ListingIndex<ListedObject> }
  }
  const release = (folder: string) => {
    const a = arrived.get(folder)
    if (!a) return
    released.add(folder)
    arrived.delete(folder)
    opts.onRelease?.({ folder, objects: a.objects, taken: a.taken, missing: a.missing })
  }
  const rowOf = (dataset: string, symbol: string) => {
    const rowKey = `${dataset} ${symbol}`
    const row = rows.get(rowKey) ?? { dataset, symbol, objects: 0, bytes: 0, missing: 0 }
    rows.set(rowKey, row)
    return row
  }
  const missed = (listed: Arrived, key: string) => {
    missingKeys.push(key)
    listed.missing.push(key)
  }
  const push = (o: ListedObject, dataset: string, row: ReturnType<typeof rowOf>, taken: string[]) => {
    const destKey = destKeyOf(o.key)
    const state = compare ? compareCopies(o, destination.get(destKey)) : 'absent'
    if (state === 'changed') changed += 1
    // Two fixed shapes, no spread: `skip` is there only when the destination has the object.
    tasks.push(
      state === 'same'
        ? { id: tasks.length, sourceKey: o.key, destKey, size: o.size, etag: o.etag, dataset, skip: SAME }
        : { id: tasks.length, sourceKey: o.key, destKey, size: o.size, etag: o.etag, dataset },
    )
    taken.push(o.key)
    row.objects += 1
    row.bytes += o.size
  }
  const take = (zip: ListedObject, listed: ReturnType<typeof listedIn>, dataset: string, row: ReturnType<typeof rowOf>) => {
    const sum = config.include_checksums ? listed.index.checksumOf(zip) : undefined
    push(zip, dataset, row, listed.taken)
    if (sum) push(sum, dataset, row, listed.taken)
  }
  const planFolder = (f: FolderPlan) => {
    const listed = listedIn(f.folder)
    const row = rowOf(f.dataset, f.symbol)
    for (const zipKey of f.expected) {
      if (keepName && !keepName(zipKey.slice(zipKey.lastIndexOf('/') + 1))) {
        excluded += 1
        continue
      }
      const zip = listed.index.get(zipKey)
      const fallback = f.fallback?.get(zipKey)
      if (fallback && !zip) {
        // The monthly file is not listed: that month's daily files stand in, each one checked.
        const daily = listedIn(fallback.folder)
        const dailyRow = rowOf(fallback.dataset, f.symbol)
        const absent: string[] = []
        for (const k of fallback.keys) {
          const o = daily.index.get(k)
          if (o) take(o, daily, fallback.dataset, dailyRow)
          else {
            absent.push(k)
            missed(daily, k)
          }
        }
        // No daily tree to stand in (an ended interval): the monthly key itself is what is missing.
        if (fallback.keys.length === 0) {
          absent.push(zipKey)
          missed(listed, zipKey)
          row.missing += 1
        } else dailyRow.missing += absent.length
        sources.add(f, fallback, absent.length >= fallback.keys.length ? 'missing' : 'daily', absent)
        continue
      }
      if (fallback) sources.add(f, fallback, 'monthly', [])
      if (!zip) {
        missed(listed, zipKey)
        row.missing += 1
        continue
      }
      take(zip, listed, f.dataset, row)
    }
  }
  let next = 0
  const drain = () => {
    const from = tasks.length
    for (; next < folders.length && needs[next].every((folder) => arrived.has(folder)); next++) {
      // auto's daily folder for closed months only: its keys are planned as stand-ins, not expected.
      if (folders[next].expected.length > 0) planFolder(folders[next])
      for (const folder of releaseAfter[next]) release(folder)
    }
    if (tasks.length > from) opts.onPlanned?.(tasks.slice(from))
  }
  return {
    add(folder, objects) {
      if (released.has(folder) || arrived.has(folder)) throw new Error(`planner: ${folder} listed twice`)
      arrived.set(folder, { objects, taken: [], missing: [] })
      // A listing no folder reads (auto's daily folder with no month to stand in for) goes at once.
      if (!lastUse.has(folder)) release(folder)
      drain()
    },
    finish() {
      for (const n of needs) for (const folder of n) if (!arrived.has(folder) && !released.has(folder)) this.add(folder, [])
      return summarise(tasks, missingKeys, { changed, excluded, rows, sources })
    },
  }
}

function summarise(tasks: PlannedTask[], missingKeys: string[], t: { changed: number; excluded: number; rows: Map<string, PlanSummary['byDataset'][number]>; sources: ReturnType<typeof newSources> }): Plan {
  let bytes = 0
  let toCopy = 0
  let toCopyBytes = 0
  for (const task of tasks) {
    bytes += task.size
    if (task.skip) continue
    toCopy += 1
    toCopyBytes += task.size
  }
  const summary: PlanSummary = {
    objects: tasks.length,
    bytes,
    toCopy,
    toCopyBytes,
    alreadyThere: tasks.length - toCopy,
    changed: t.changed,
    excluded: t.excluded,
    missing: missingKeys.length,
    missingKeys: missingKeys.slice(0, 1000),
    extraneous: 0,
    extraneousKeys: [],
    byDataset: [...t.rows.values()],
    ...(t.sources.size() > 0 ? { periodSources: t.sources.summary() } : {}),
  }
  return { tasks, missingKeys, extraneousKeys: [], summary }
}

/** The plan of listings already in hand: every folder's listing added at once. */
export function buildPlan(
  config: JobConfig,
  folders: readonly FolderPlan[],
  source: ReadonlyMap<string, readonly ListedObject[]>,
  destination?: ReadonlyMap<string, ListedObject>,
  keepName?: (zipName: string) => boolean,
): Plan {
  const planner = createPlanner(config, folders, { destination, keepName })
  for (const [folder, objects] of source) planner.add(folder, objects)
  return planner.finish()
}
