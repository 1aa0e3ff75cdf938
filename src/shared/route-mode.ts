// The order in which a job's transfer mode is decided (DESIGN §6), in one place: the route in
// src/main (which adds, for a server-side copy, whether s5cmd carries it) and the plan's cost
// estimate both read it, so the estimate prices the mode the job will run.
import type { JobConfig } from './config/validate'

export type PlannedMode = 'server-side' | 'stream' | 'traditional' | 'download' | 'batch-operations'

interface ModeFacts extends Pick<JobConfig, 'operation_mode' | 'enable_s3_direct_sync' | 'output_directory'> {
  /** Object bytes come from an HTTPS base URL: CopyObject cannot read one. */
  httpsSource: boolean
  /** Source and destination on one service: the only case a server-side copy exists. */
  sameService: boolean
}

export { sameService } from './config/endpoint'

export function routeMode(f: ModeFacts): PlannedMode {
  // validate.ts (batch-rules.ts) has refused every batch_operations job that is not a server-side S3 copy.
  if (f.operation_mode === 'batch_operations') return 'batch-operations'
  if (f.output_directory) return 'download'
  if (f.operation_mode === 'traditional' || !f.enable_s3_direct_sync) return 'traditional'
  if (f.httpsSource) return 'stream'
  return f.sameService ? 'server-side' : 'stream'
}
