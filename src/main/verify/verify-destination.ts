// `archive-sync verify`: re-check a destination against the archive without copying. Lists the
// source (the plan, without the incremental diff) and proves every planned object that should be
// at the destination, with the job's verify level (etag when the job says none: a check was asked for).
import type { JobConfig } from '../../shared/config/validate'
import type { VerifyOutcome } from '../../shared/journal'
import { makePlan } from '../plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { verifyLanded } from './verifier'

export interface DestinationCheck {
  level: string
  objects: number
  verified: number
  unverified: number
  /** Landed but different from the archive (checksum, ETag or size). */
  mismatched: number
  missing: number
  methods: Record<string, number>
  reasons: Record<string, number>
  problems: { source_key: string; destination_key: string; status: string; method?: string; expected?: string; actual?: string; reason?: string }[]
  requests: number
}

export async function verifyDestination(config: JobConfig, signal?: AbortSignal): Promise<DestinationCheck> {
  const level = config.verify === 'none' ? 'etag' : config.verify
  const src = makeS3Client(sourceEndpoint(config))
  const dst = config.output_directory ? undefined : makeS3Client(destinationEndpoint(config))
  try {
    const plan = await makePlan({ ...config, enable_incremental: false, sync_mode: 'copy' }, { source: src, signal })
    const out: DestinationCheck = { level, objects: plan.tasks.length, verified: 0, unverified: 0, mismatched: 0, missing: 0, methods: {}, reasons: {}, problems: [], requests: plan.listRequests }
    const tally = (o: VerifyOutcome) => {
      const t = plan.tasks[o.id]
      if (o.status === 'verified') {
        out.verified += 1
        out.methods[o.method ?? 'unknown'] = (out.methods[o.method ?? 'unknown'] ?? 0) + 1
        return
      }
      if (o.status === 'unverified') {
        out.unverified += 1
        out.reasons[o.reason ?? 'unknown'] = (out.reasons[o.reason ?? 'unknown'] ?? 0) + 1
      } else out[o.status === 'missing' ? 'missing' : 'mismatched'] += 1
      out.problems.push({ source_key: t.sourceKey, destination_key: t.destKey, status: o.status, method: o.method, expected: o.expected, actual: o.actual, reason: o.reason })
    }
    const r = await verifyLanded({
      tasks: plan.tasks,
      level,
      source: { client: src, bucket: config.source.bucket },
      destination: dst ? { client: dst, bucket: config.destination_bucket! } : { root: config.output_directory! },
      concurrency: config.performance_optimization.max_concurrent,
      signal,
      onOutcome: tally,
    })
    out.requests += r.requests
    return out
  } finally {
    src.destroy()
    dst?.destroy()
  }
}
