// A plan as files other tools run: an S3 Batch Operations manifest (`bucket,key`, keys
// URL-encoded, one object per line) or an s5cmd `run` file with the command line that runs it.
import type { JobConfig } from '../../shared/config/validate'
import type { Plan } from '../../shared/plan'
import { exportBatch } from '../engines/s5cmd/batch'
import { destinationEndpoint, sourceEndpoint } from '../s3/clients'

/** S3 Batch Operations CSV manifest of the objects still to copy (the format wants encoded keys). */
export function manifestCsv(config: JobConfig, plan: Plan): string {
  const bucket = config.source.bucket
  return plan.tasks
    .filter((t) => !t.skip)
    .map((t) => `${bucket},${encodeURIComponent(t.sourceKey).replaceAll('%2F', '/')}\n`)
    .join('')
}

/** The s5cmd batch for the objects still to copy; keys s5cmd cannot carry are listed as comments. */
export function s5cmdRunFile(config: JobConfig, plan: Plan, version = '2.2.2'): string {
  const src = sourceEndpoint(config)
  const dst = destinationEndpoint(config)
  const p = config.performance_optimization
  const e = exportBatch(
    plan.tasks.filter((t) => !t.skip),
    {
      sourceBucket: src.bucket,
      destinationBucket: dst.bucket,
      sourceRegion: src.region !== dst.region ? src.region : undefined,
      version,
      numWorkers: p.max_concurrent,
      retryCount: p.retry_count,
      endpointUrl: dst.endpointUrl ?? src.endpointUrl,
      destination: dst,
    },
  )
  const head = [
    `# Archive Sync plan: ${e.batch.split('\n').length - 1} objects. Run with:`,
    `#   ${e.commandLine}`,
    `# with ${e.env.join(', ')} set in the environment (credentials are never written here).`,
    ...e.routed.map((r) => `# not carried by s5cmd (copy these with the SDK): task ${r.id}: ${r.reason}`),
  ]
  return `${head.join('\n')}\n${e.batch}`
}
