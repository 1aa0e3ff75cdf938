// The newest measured traditional run of the same route, read back (read-only) from the data
// folder's past jobs through their stores: its rates are the baseline for efficiency_improvement.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { JobConfig } from '../../shared/config/validate'
import type { ReportInput } from '../../shared/report'
import { readJobMeta } from './job-store'
import { readReport } from './report-store'

/** Same endpoints, buckets and kind of destination: the runs whose speeds compare. */
const route = (c: JobConfig) => JSON.stringify([c.source.endpoint_url ?? 'aws', c.source.bucket, c.s3_config.endpoint_url ?? 'aws', c.destination_bucket, Boolean(c.output_directory)])

/**
 * The newest completed traditional job on the same route that synced something. Null when none
 * exists. `jobsDir` is <data>/jobs; the current job is never its own baseline.
 */
export async function findTraditionalBaseline(jobsDir: string, currentJobId: string, config: JobConfig): Promise<ReportInput['baseline']> {
  const ids = await readdir(jobsDir).catch(() => [] as string[])
  const want = route(config)
  let best: { createdAt: string; jobId: string; filesPerSec: number; bytesPerSec: number } | null = null
  for (const id of ids) {
    if (id === currentJobId) continue
    try {
      const meta = await readJobMeta(join(jobsDir, id), id)
      if (route(meta.config) !== want) continue
      const r = await readReport(join(jobsDir, id))
      if (!r || r.status !== 'completed' || r.mode_selected !== 'traditional' || r.files_synced === 0 || r.execution_time_seconds <= 0) continue
      if (best && best.createdAt >= meta.createdAt) continue
      best = { createdAt: meta.createdAt, jobId: r.job_id, filesPerSec: r.files_synced / r.execution_time_seconds, bytesPerSec: r.bytes_transferred / r.execution_time_seconds }
    } catch {
      // An unreadable or foreign folder is simply not a baseline.
    }
  }
  return best && { jobId: best.jobId, filesPerSec: best.filesPerSec, bytesPerSec: best.bytesPerSec }
}
