// Builds the engine the router chose, with the job's performance settings.
import type { Engine } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { createDownloadEngine } from './sdk-download'
import { createSdkEngine } from './sdk-copy'
import type { S5cmdStatus } from './router'
import type { Endpoint, TransferEngine } from './types'

export type BuiltEngine = TransferEngine & { batches?: number[] }

export function createEngine(engine: Engine, config: JobConfig, src: Endpoint, dst: Endpoint, _s5cmd: S5cmdStatus): BuiltEngine {
  const p = config.performance_optimization
  switch (engine) {
    case 'download':
      return createDownloadEngine({ source: src, root: config.output_directory!, concurrency: p.max_concurrent, retryCount: p.retry_count })
    case 'sdk-stream':
      return createSdkEngine({ source: src, destination: dst, mode: 'stream', concurrency: p.max_concurrent, retryCount: p.retry_count, partSizeMb: p.part_size_mb })
    default:
      return createSdkEngine({ source: src, destination: dst, mode: 'copy', concurrency: p.max_concurrent, retryCount: p.retry_count, partSizeMb: p.part_size_mb })
  }
}
