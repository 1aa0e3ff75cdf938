// s5cmd is looked up only when a job could use it; the s5cmd engine module owns the details.
import type { JobConfig } from '../../shared/config/validate'
import type { S5cmdStatus } from './router'

export async function locateForJob(config: JobConfig): Promise<S5cmdStatus> {
  if (config.output_directory || config.operation_mode === 'traditional') return { found: false, reason: 'not needed for this job' }
  return { found: false, reason: 's5cmd engine not wired yet' }
}
