// The specification's configuration templates (spec 002 "Configuration Templates") as patches to
// the settings. Keys the spec uses that this app has no field for are mapped to their nearest
// setting (max_parallel_downloads → max_concurrent, --retry-count → retry_count) or left out.
import type { JobSettings } from './job-settings'

export interface Template {
  id: string
  label: string
  description: string
  maxConcurrent: number
  settings: Partial<JobSettings>
  /** enable_s3_direct_sync: false for templates written for the download workflow. */
  directSync: boolean
}

export const TEMPLATES: readonly Template[] = [
  { id: 'high-performance', label: 'High-performance', description: 'direct sync, 32 workers, batches of 500, 100 MB parts', maxConcurrent: 32, directSync: true, settings: { operation_mode: 'direct_sync', batch_size: 500, part_size_mb: 100 } },
  { id: 'cost-optimized', label: 'Cost-optimized', description: 'auto mode, 8 workers, batches of 100, 50 MB parts', maxConcurrent: 8, directSync: true, settings: { operation_mode: 'auto', batch_size: 100, part_size_mb: 50 } },
  { id: 'memory-optimized', label: 'Memory-optimized', description: '2 workers, batches of 20, 10 MB parts', maxConcurrent: 2, directSync: true, settings: { batch_size: 20, part_size_mb: 10 } },
  { id: 'network-resilient', label: 'Network-resilient', description: '5 retries, 50 MB parts, checksums copied and verified', maxConcurrent: 8, directSync: true, settings: { retry_count: 5, part_size_mb: 50, include_checksums: true, verify: 'sha256' } },
]
