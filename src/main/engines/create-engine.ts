// Builds the engine the router chose, with the job's performance settings.
import type { Engine } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { createDirectEngine } from './direct-engine'
import { createS5cmdEngine } from './s5cmd/engine'
import { createDownloadEngine } from './sdk-download'
import { createSdkEngine } from './sdk-copy'
import type { S5cmdStatus } from './router'
import type { Endpoint, TransferEngine } from './types'

export type BuiltEngine = TransferEngine & {
  batches?: number[]
  /** Why objects left this engine's first choice, with counts; and how many objects did. */
  fallbacks?: string[]
  fallbackCount?: number
}

export function createEngine(engine: Engine, config: JobConfig, src: Endpoint, dst: Endpoint, s5cmd: S5cmdStatus): BuiltEngine {
  const p = config.performance_optimization
  const sdkCopy = () => createSdkEngine({ source: src, destination: dst, mode: 'copy', concurrency: p.max_concurrent, retryCount: p.retry_count, partSizeMb: p.part_size_mb })
  switch (engine) {
    case 's5cmd': {
      const direct = createS5cmdEngine({
        binary: s5cmd.path!,
        version: s5cmd.version!,
        source: src,
        destination: dst,
        numWorkers: p.max_concurrent,
        retryCount: p.retry_count,
        batchSize: p.batch_size,
        partSizeMb: p.part_size_mb,
      })
      return createDirectEngine(direct, sdkCopy(), dst.bucket)
    }
    case 'download':
      return createDownloadEngine({ source: src, root: config.output_directory!, concurrency: p.max_concurrent, retryCount: p.retry_count })
    case 'sdk-stream':
      return createSdkEngine({ source: src, destination: dst, mode: 'stream', concurrency: p.max_concurrent, retryCount: p.retry_count, partSizeMb: p.part_size_mb })
    default:
      return sdkCopy()
  }
}
