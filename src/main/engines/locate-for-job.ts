// s5cmd is looked up only when a job could use it; the s5cmd module owns the details.
import type { JobConfig } from '../../shared/config/validate'
import type { S5cmdStatus } from './router'
import { locateS5cmd } from './s5cmd/locate'

export async function locateForJob(config: JobConfig): Promise<S5cmdStatus> {
  // Downloads use s5cmd only when asked for (direct_sync): the SDK path hashes while streaming.
  if (config.output_directory ? config.operation_mode !== 'direct_sync' : config.operation_mode === 'traditional' || !config.enable_s3_direct_sync)
    return { found: false, reason: 'not needed for this job' }
  return locateS5cmd({ explicitPath: config.s5cmd_path })
}
