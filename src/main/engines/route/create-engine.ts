// Builds the engine the route chose, with the job's performance settings. Every engine is a
// TransferEngine; what it measured (requests, bytes through this machine, batches, fallbacks)
// is read from it for the report.
import type { Engine } from '../../../shared/contract'
import type { JobConfig } from '../../../shared/config/validate'
import type { Endpoint } from '../../s3/clients'
import { createS5cmdEngine, type S5cmdEngineOptions } from '../s5cmd/engine'
import { isUsable, type S5cmdLocation } from '../s5cmd/locate'
import { createSdkEngine } from '../sdk-copy'
import { createDownloadEngine } from '../sdk-download'
import { createTraditionalEngine } from '../traditional'
import type { TransferEngine } from '../types'
import { createDirectEngine } from './direct-engine'

type S5cmdConfig = Pick<JobConfig, 'output_directory' | 'performance_optimization'>

/** How a job runs s5cmd: the engine starts it with these, and `plan --out batch.txt` writes them. */
export function s5cmdOptions(config: S5cmdConfig, src: Endpoint, dst: Endpoint, s5cmd: { path: string; version: string }): S5cmdEngineOptions {
  const p = config.performance_optimization
  const root = config.output_directory
  return {
    binary: s5cmd.path,
    version: s5cmd.version,
    source: src,
    // A download signs (or not) as the source is read; there is no destination bucket.
    destination: root ? { ...src, bucket: '' } : dst,
    localRoot: root,
    numWorkers: p.max_concurrent,
    retryCount: p.retry_count,
    batchSize: p.batch_size,
    partSizeMb: p.part_size_mb,
  }
}

export function createEngine(engine: Engine, config: JobConfig, src: Endpoint, dst: Endpoint, s5cmd: S5cmdLocation): TransferEngine {
  const p = config.performance_optimization
  const common = { source: src, destination: dst, concurrency: p.max_concurrent, retryCount: p.retry_count, partSizeMb: p.part_size_mb, outagePatienceMs: p.outage_patience_seconds * 1000 }
  const download = () => createDownloadEngine({ source: src, root: config.output_directory!, concurrency: p.max_concurrent, retryCount: p.retry_count, outagePatienceMs: p.outage_patience_seconds * 1000 })
  const sdk = (mode: 'copy' | 'stream') => createSdkEngine({ ...common, mode })
  switch (engine) {
    case 's5cmd': {
      if (!isUsable(s5cmd)) throw new Error(`the route chose s5cmd, but it is not usable: ${s5cmd.reason ?? 'unsupported version'}`)
      const s5 = createS5cmdEngine(s5cmdOptions(config, src, dst, s5cmd))
      return config.output_directory ? createDirectEngine(s5, download(), config.output_directory) : createDirectEngine(s5, sdk('copy'), dst.bucket)
    }
    case 'download':
      return download()
    case 'traditional':
      return createTraditionalEngine(common)
    case 'sdk-stream':
      return sdk('stream')
    case 'sdk-copy':
      return sdk('copy')
    case 'batch-operations':
      // It needs the job's folder (its S3 job id, token and manifest ETag): run-job.ts builds it through batch-ops/engine.ts.
      throw new Error('a Batch Operations job is built by batch-ops/engine.ts with its job folder, not by createEngine')
  }
}
