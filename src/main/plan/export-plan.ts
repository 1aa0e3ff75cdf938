// A plan as a file another tool runs: an S3 Batch Operations manifest (`bucket,key`, keys
// URL-encoded, one object per line). The s5cmd run file is the engine's (engines/route/run-file.ts).
import type { JobConfig } from '../../shared/config/validate'
import type { Plan } from '../../shared/plan'

/** S3 Batch Operations CSV manifest of the objects still to copy (the format wants encoded keys). */
export function manifestCsv(config: JobConfig, plan: Plan): string {
  const bucket = config.source.bucket
  return plan.tasks
    .filter((t) => !t.skip)
    .map((t) => `${bucket},${encodeURIComponent(t.sourceKey).replaceAll('%2F', '/')}\n`)
    .join('')
}
