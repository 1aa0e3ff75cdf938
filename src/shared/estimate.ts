// What a plan will cost and how long it will take, before a byte moves. Request prices default to
// S3 Standard list prices (us-east-1); transfer is priced only when the user sets a rate, because
// it depends on regions and who pays.
import type { JobConfig } from './config/validate'
import type { PlanSummary } from './contract/model'
import { routeMode, sameService, type PlannedMode } from './route-mode'

export interface Throughput {
  bytesPerSec: number
  filesPerSec: number
}

/** How bytes will move: the route's order (route-mode.ts), read from the config alone. */
export const plannedMode = (c: JobConfig): PlannedMode =>
  routeMode({ ...c, httpsSource: Boolean(c.source.https_base), sameService: sameService(c.source.endpoint_url, c.s3_config.endpoint_url) })

export function estimatePlan(
  c: JobConfig,
  s: Pick<PlanSummary, 'toCopy' | 'toCopyBytes'>,
  listRequests: number,
  measured?: Throughput,
): PlanSummary['estimate'] {
  const mode = plannedMode(c)
  if (mode === 'batch-operations') return estimateBatch(c, s, listRequests, measured)
  const partBytes = c.performance_optimization.part_size_mb * 1024 * 1024
  // A streamed upload over one part is a multipart upload: create + parts + complete.
  const viaHost = mode === 'stream' || mode === 'traditional'
  const puts = viaHost ? s.toCopy + Math.max(0, Math.ceil(s.toCopyBytes / partBytes) - s.toCopy) : 0
  const requests = {
    list: listRequests,
    copy: mode === 'server-side' ? s.toCopy : 0,
    get: mode === 'server-side' ? 0 : s.toCopy,
    put: puts,
  }
  const p = c.pricing
  const cost =
    ((requests.list + requests.copy + requests.put) / 1000) * p.put_copy_list_per_1000 +
    (requests.get / 1000) * p.get_per_1000 +
    (s.toCopyBytes / 1e9) * p.transfer_per_gb
  let seconds: number | null = null
  if (measured && s.toCopy > 0) {
    const byBytes = measured.bytesPerSec > 0 ? s.toCopyBytes / measured.bytesPerSec : 0
    const byFiles = measured.filesPerSec > 0 ? s.toCopy / measured.filesPerSec : 0
    // Small files are bound by request rate, big ones by bandwidth: the slower bound wins.
    seconds = Math.max(byBytes, byFiles) || null
  } else if (s.toCopy === 0) seconds = 0
  return { mode, requests, costUsd: Math.round(cost * 1e6) / 1e6, seconds, basis: measured ? 'the last completed job' : 'no job measured yet' }
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6

/**
 * What one Batch Operations job costs at the configured prices: the per-job fee, the per-object
 * fee (per million objects processed), and the CopyObject request S3 makes for each object on the
 * job's behalf, billed to the account as a COPY request (S3 pricing page, "S3 Batch Operations").
 */
export function batchCost(p: JobConfig['pricing'], objects: number): { job: number; objects: number; copy_requests: number; total: number } {
  const job = objects > 0 ? p.batch_job : 0
  const perObject = (objects / 1e6) * p.batch_per_million_objects
  const copies = (objects / 1000) * p.put_copy_list_per_1000
  return { job: round6(job), objects: round6(perObject), copy_requests: round6(copies), total: round6(job + perObject + copies) }
}

/** Batch Operations: one PUT for the manifest, one CopyObject per object by S3, and the job's own fees. */
function estimateBatch(c: JobConfig, s: Pick<PlanSummary, 'toCopy' | 'toCopyBytes'>, listRequests: number, measured?: Throughput): PlanSummary['estimate'] {
  const p = c.pricing
  const cost = batchCost(p, s.toCopy)
  const requests = { list: listRequests, copy: s.toCopy, get: 0, put: s.toCopy > 0 ? 1 : 0 }
  const costUsd = round6(cost.total + ((requests.list + requests.put) / 1000) * p.put_copy_list_per_1000)
  // The service schedules the job: no local run predicts its time.
  const seconds = s.toCopy === 0 ? 0 : null
  return { mode: 'batch-operations', requests, costUsd, seconds, basis: measured ? 'S3 Batch Operations schedules the job: no local measure applies' : 'S3 Batch Operations schedules the job' }
}

/** Above either figure `archive-sync audit` asks for --yes before it reads anything. */
export const AUDIT_CONFIRM = { bytes: 1024 ** 3, usd: 0.1 } as const

/** What reading objects back costs: one GET each, plus the bytes at the configured transfer rate. */
export function estimateRead(p: Pick<JobConfig['pricing'], 'get_per_1000' | 'transfer_per_gb'>, objects: number, bytes: number): { requests: number; bytes: number; costUsd: number; needsConfirm: boolean } {
  const costUsd = Math.round(((objects / 1000) * p.get_per_1000 + (bytes / 1e9) * p.transfer_per_gb) * 1e6) / 1e6
  return { requests: objects, bytes, costUsd, needsConfirm: bytes > AUDIT_CONFIRM.bytes || costUsd > AUDIT_CONFIRM.usd }
}
