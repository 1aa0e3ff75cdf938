// Discovery + planning: list each source folder the selection touches (paginated, a bounded
// number in parallel), list the same folders at the destination for the incremental diff, then
// hand the listings to the pure planner.
import type { S3Client } from '@aws-sdk/client-s3'
import pMap from 'p-map'
import type { JobConfig } from '../../shared/config/validate'
import { today } from '../../shared/dates'
import { estimatePlan, plannedMode, type Throughput } from '../../shared/estimate'
import { findExtraneous } from '../../shared/plan-sync'
import { wildcardRuns, type WildcardRun } from '../../shared/plan-wildcards'
import { buildPlan, destinationListPrefix, planFolders, type ListedObject, type Plan } from '../../shared/plan'
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
  const listing = pMap(folders, async (f) => {
    const r = await listAll(ctx.source, config.source.bucket, f.folder, { signal: ctx.signal }).catch((err: unknown) => {
      throw listingError('source', config.source.bucket, f.folder, err)
    })
    listRequests += r.requests
    return [f.folder, r.objects] as const
  }, { concurrency: limit })
  const found = pMap(prefixes, async (prefix) => {
    if (config.output_directory) return listLocal(config.output_directory, prefix)
    const r = await listAll(ctx.destination!, config.destination_bucket!, prefix, { signal: ctx.signal }).catch((err: unknown) => {
      throw listingError('destination', config.destination_bucket!, prefix, err)
    })
    listRequests += r.requests
    return r.objects
  }, { concurrency: limit })
  // Awaited below; until then a failure of its own must not count as unhandled.
  found.catch(() => undefined)
  const source = new Map<string, ListedObject[]>(await listing)
  let destination: Map<string, ListedObject> | undefined
  if (config.enable_incremental || sync) {
    destination = new Map()
    for (const objects of await found) for (const o of objects) destination.set(o.key, o)
  }
  // The diff needs the listing; a plain copy without incremental skip does not use it.
  const plan = buildPlan(config, folders, source, config.enable_incremental ? destination : undefined, nameFilter(config))
  if (sync && destination) {
    plan.extraneousKeys = findExtraneous(config, folders, source, destination)
    plan.summary.extraneous = plan.extraneousKeys.length
    plan.summary.extraneousKeys = plan.extraneousKeys.slice(0, 1000)
  }
  if (config.output_directory && config.enable_incremental && config.include_checksums) {
    await recheckZips(plan, config.output_directory, { client: ctx.source, bucket: config.source.bucket }, ctx.signal)
  }
  plan.summary.estimate = estimatePlan(config, plan.summary, listRequests, ctx.measured)
  // Only a server-side copy can go to s5cmd as wildcard lines: no other job pays for working them out.
  const wildcards = plannedMode(config) === 'server-side' ? wildcardRuns(plan.tasks, source, plan.missingKeys) : []
  return { ...plan, listRequests, wildcards }
}

/** The plan of a config with listing clients of its own, destroyed once it is made. */
export async function planConfig(config: JobConfig, opts: Pick<PlanContext, 'signal' | 'measured'> = {}): Promise<PlanWithStats> {
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
