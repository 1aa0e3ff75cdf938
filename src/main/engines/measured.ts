// The measured side of the report's efficiency figures: what the spec's traditional cycle would have
// cost for the objects this run synced, against what the engine counted; and the newest measured
// traditional run of the same route, read back (read-only) from the data folder's past jobs.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { JobConfig } from '../../shared/config/validate'
import type { ReportInput } from '../../shared/report'
import { reportSchema } from '../../shared/contract'
import type { TransferEngine } from './types'
import { traditionalRequests } from './meter'

export class TraditionalTally {
  private requests = 0
  private readonly partBytes: number
  private readonly local: boolean

  constructor(config: Pick<JobConfig, 'output_directory' | 'performance_optimization'>) {
    this.partBytes = Math.max(5, config.performance_optimization.part_size_mb) * 1024 * 1024
    this.local = Boolean(config.output_directory)
  }

  /** One synced object: a local download is a GET either way; an S3 destination adds the upload. */
  add(size: number): void {
    this.requests += this.local ? 1 : traditionalRequests(size, this.partBytes)
  }

  measured(engine: Pick<TransferEngine, 'meter'>, bytesSynced: number): ReportInput['measured'] {
    if (!engine.meter) return undefined
    return {
      requestsMade: engine.meter.requests,
      traditionalRequests: this.requests,
      hostBytes: engine.meter.hostBytes,
      traditionalHostBytes: bytesSynced * (this.local ? 1 : 2),
    }
  }
}

const route = (c: Partial<JobConfig> | undefined) =>
  JSON.stringify([c?.source?.endpoint_url ?? 'aws', c?.source?.bucket, c?.s3_config?.endpoint_url ?? 'aws', c?.destination_bucket, Boolean(c?.output_directory)])

/**
 * The newest completed traditional job on the same route (same endpoints and buckets) that synced
 * something: its measured rates are the baseline for efficiency_improvement. Null when none exists.
 */
export async function findTraditionalBaseline(jobsDir: string, currentJobId: string, config: JobConfig): Promise<ReportInput['baseline']> {
  const ids = await readdir(jobsDir).catch(() => [] as string[])
  const want = route(config)
  let best: { createdAt: string; jobId: string; filesPerSec: number; bytesPerSec: number } | null = null
  for (const id of ids) {
    if (id === currentJobId) continue
    try {
      const meta = JSON.parse(await readFile(join(jobsDir, id, 'job.json'), 'utf8')) as { createdAt?: string; config?: Partial<JobConfig> }
      if (route(meta.config) !== want) continue
      const r = reportSchema.parse(JSON.parse(await readFile(join(jobsDir, id, 'report.json'), 'utf8')))
      if (r.status !== 'completed' || r.mode_selected !== 'traditional' || r.files_synced === 0 || r.execution_time_seconds <= 0) continue
      const createdAt = meta.createdAt ?? r.started_at
      if (best && best.createdAt >= createdAt) continue
      best = { createdAt, jobId: r.job_id, filesPerSec: r.files_synced / r.execution_time_seconds, bytesPerSec: r.bytes_transferred / r.execution_time_seconds }
    } catch {
      // An interrupted or foreign folder is simply not a baseline.
    }
  }
  return best && { jobId: best.jobId, filesPerSec: best.filesPerSec, bytesPerSec: best.bytesPerSec }
}
