// Discovery + planning: list each source folder the selection touches (paginated, a bounded
// number in parallel) and the same folders at the destination for the incremental diff, handing
// each source folder to the pure planner as its listing arrives.
import type { S3Client } from '@aws-sdk/client-s3'
import pMap from 'p-map'
import type { JobConfig } from '../../shared/config/validate'
import { today } from '../../shared/dates'
import { estimatePlan, plannedMode, type Throughput } from '../../shared/estimate'
import { findExtraneous } from '../../shared/plan-sync'
import { folderWildcardRuns, type WildcardRun } from '../../shared/plan-wildcards'
import { destinationListPrefix, planFolders, type ListedObject, type Plan, type PlannedTask } from '../../shared/plan'
import { createPlanner, type Planner, type ReleasedListing } from '../../shared/planner'
import { AppError } from '../../shared/contract'
import { ERROR_CLASSES } from '../../shared/errors/table'
import { classifyError, describeError } from '../s3/errors'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { listAll } from '../s3/list'
import { listLocal, recheckZips } from './local-incremental'
import { nameFilter } from './name-filter'
import { resolveLatest } from './resolve-latest'

export interface PlanContext {
  source: S3Client
  /** Absent for a local-folder destination. */
  destination?: S3Client
  signal?: AbortSignal
  now?: Date
  listConcurrency?: number
  /** The last measured throughput, for the duration estimate. */
  measured?: Throughput
  /**
   * Each step's new tasks as listings arrive (planner.ts onPlanned), in plan order, their
   * folders' wildcard runs already in the plan's `wildcards` (the same array the result holds).
   * Not called where planning rewrites tasks after the listing (a local folder's zips re-hashed).
   */
  onTasks?: (tasks: readonly PlannedTask[], wildcards: readonly WildcardRun[]) => void
}

export interface PlanWithStats extends Plan {
  listRequests: number
  /** Runs of tasks s5cmd may copy with one wildcard line each: server-side copies only. */
  wildcards: WildcardRun[]
}

export async function makePlan(requested: JobConfig, ctx: PlanContext): Promise<PlanWithStats> {
  const config = await resolveLatest(requested, ctx.source, ctx.signal)
  const folders = planFolders(config, today(ctx.now))
  const limit = ctx.listConcurrency ?? 8
  let listRequests = 0
  const sync = config.sync_mode === 'sync'
  // Daily and monthly folders share one Hive prefix: list each prefix once.
  const prefixes = config.enable_incremental || sync ? [...new Set(folders.map((f) => destinationListPrefix(config, f.folder)))] : []
  // Both sides at once: neither listing needs the other, and a job of a few folders then waits
  // for one round of list requests instead of two. The source's failure is reported first, as
  // when the destination was listed after it: it is the one that names what the job asked for.
  const found = pMap(prefixes, async (prefix) => {
    if (config.output_directory) return listLocal(config.output_directory, prefix)
    const r = await listAll(ctx.destination!, config.destination_bucket!, prefix, { signal: ctx.signal }).catch((err: unknown) => {
      throw listingError('destination', config.destination_bucket!, prefix, err)
    })
    listRequests += r.requests
    return r.objects
  }, { concurrency: limit })
  const destination = config.enable_incremental || sync ? new Map<string, ListedObject>() : undefined
  const ready = found.then((lists) => {
    if (destination) for (const objects of lists) for (const o of objects) destination.set(o.key, o)
  })
  // Awaited below; until then a failure of its own must not count as unhandled.
  ready.catch(() => undefined)
  // Only a server-side copy can go to s5cmd as wildcard lines: no other job pays for working them out.
  const wantRuns = plannedMode(config) === 'server-side'
  const wildcards: WildcardRun[] = []
  const listedKeys: string[] = []
  let planner: Planner | undefined
  // Made once the destination is in (the diff reads it); a plain copy without incremental skip does not use it.
  // A local folder's zips are re-hashed once the plan is made (recheckZips): its tasks may still change.
  const rechecked = Boolean(config.output_directory && config.enable_incremental && config.include_checksums)
  const onPlanned = ctx.onTasks && !rechecked ? (tasks: readonly PlannedTask[]) => ctx.onTasks!(tasks, wildcards) : undefined
  const plannerOf = () => createPlanner(config, folders, { destination: config.enable_incremental ? destination : undefined, keepName: nameFilter(config), onRelease, onPlanned })
  // Each folder is planned as its listing arrives, once the destination is in, and then let go:
  // the whole source listing is never held at once.
  const onRelease = (r: ReleasedListing) => {
    if (wantRuns) for (const run of folderWildcardRuns(r.folder, r.objects, r.taken, r.missing)) wildcards.push(run)
    if (sync) for (const o of r.objects) listedKeys.push(o.key)
  }
  await pMap(folders, async (f) => {
    const r = await listAll(ctx.source, config.source.bucket, f.folder, { signal: ctx.signal }).catch((err: unknown) => {
      throw listingError('source', config.source.bucket, f.folder, err)
    })
    listRequests += r.requests
    // A destination that failed is reported after the source folders: awaited below.
    if (!(await ready.then(() => true, () => false))) return
    planner ??= plannerOf()
    planner.add(f.folder, r.objects)
  }, { concurrency: limit })
  await ready
  const plan = (planner ?? plannerOf()).finish()
  if (sync && destination) {
    plan.extraneousKeys = findExtraneous(config, folders, listedKeys, destination)
    plan.summary.extraneous = plan.extraneousKeys.length
    plan.summary.extraneousKeys = plan.extraneousKeys.slice(0, 1000)
  }
  if (rechecked) await recheckZips(plan, config.output_directory!, { client: ctx.source, bucket: config.source.bucket }, ctx.signal)
  plan.summary.estimate = estimatePlan(config, plan.summary, listRequests, ctx.measured)
  return { ...plan, listRequests, wildcards }
}

/** The plan of a config with listing clients of its own, destroyed once it is made. */
export async function planConfig(config: JobConfig, opts: Pick<PlanContext, 'signal' | 'measured' | 'onTasks'> = {}): Promise<PlanWithStats> {
  const source = makeS3Client(sourceEndpoint(config))
  const destination = config.output_directory ? undefined : makeS3Client(destinationEndpoint(config))
  try {
    return await makePlan(config, { ...opts, source, destination })
  } finally {
    source.destroy()
    destination?.destroy()
  }
}

/** A listing failure with the side, the bucket and what to do: the job stops before copying anything. */
function listingError(side: 'source' | 'destination', bucket: string, prefix: string, err: unknown): AppError {
  const name = (err as { name?: string }).name
  const fix =
    name === 'NoSuchBucket'
      ? side === 'destination'
        ? ' Create the bucket or correct destination_bucket.'
        : ' Correct source.bucket.'
      : ''
  const code = ERROR_CLASSES[classifyError(err)].code ?? 'LIST_FAILED'
  return new AppError(code, `Listing the ${side} s3://${bucket}/${prefix} failed: ${describeError(err, bucket)}.${fix}`)
}
