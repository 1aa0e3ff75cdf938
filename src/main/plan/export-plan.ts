// A plan as a file another tool runs: an S3 Batch Operations manifest (`bucket,key`, keys
// URL-encoded, one object per line). The s5cmd run file is the engine's (engines/route/run-file.ts).
import type { JobConfig } from '../../shared/config/validate'
import type { Plan } from '../../shared/plan'

interface Keyed {
  sourceKey: string
  size: number
  skip?: string
}

/**
 * The S3BatchOperations_CSV_20180820 manifest of these tasks: `Bucket,Key` with no header, keys
 * URL-encoded ("Object keys must be URL-encoded", user guide, "Specifying a manifest"). `/` stays
 * as it is: it is a key's own character and decodes to itself.
 */
export function manifestCsvOf(bucket: string, tasks: readonly Keyed[]): string {
  return tasks.map((t) => `${bucket},${encodeURIComponent(t.sourceKey).replaceAll('%2F', '/')}\n`).join('')
}

/** S3 Batch Operations CSV manifest of the objects still to copy. */
export function manifestCsv(config: JobConfig, plan: Plan): string {
  return manifestCsvOf(config.source.bucket, plan.tasks.filter((t) => !t.skip))
}
