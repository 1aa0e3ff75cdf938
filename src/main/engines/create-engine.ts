// Builds the engine the router chose, with the job's performance settings, and exposes what it
// measured (requests sent, bytes through this machine) for the report.
import type { Engine } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { createDirectEngine } from './direct-engine'
import type { Meter } from './meter'
import { createS5cmdEngine, type S5cmdEngine } from './s5cmd/engine'
import { createDownloadEngine } from './sdk-download'
import { createSdkEngine } from './sdk-copy'
import { createTraditionalEngine } from './traditional'
import type { S5cmdStatus } from './router'
import type { Endpoint, TransferEngine } from './types'

export type BuiltEngine = TransferEngine & {
  batches?: number[]
  /** Why objects left this engine's first choice, with counts; and how many objects did. */
  fallbacks?: string[]
  fallbackCount?: number
  /** Requests sent and bytes through this machine, as counted while running. */
  readonly meter?: Meter
}

/** Knobs that are not job settings: tests and the bench lower them to exercise paths S3 sizes would need. */
export interface EngineOverrides {
  multipartCopyThreshold?: number
  partBytes?: number
  tempRoot?: string
}

export function createEngine(engine: Engine, config: JobConfig, src: Endpoint, dst: Endpoint, s5cmd: S5cmdStatus, over: EngineOverrides = {}): BuiltEngine {
  const p = config.performance_optimization
  const common = { source: src, destination: dst, concurrency: p.max_concurrent, retryCount: p.retry_count, partSizeMb: p.part_size_mb, partBytes: over.partBytes, outagePatienceMs: p.outage_patience_seconds * 1000 }
  const download = () => createDownloadEngine({ source: src, root: config.output_directory!, concurrency: p.max_concurrent, retryCount: p.retry_count, outagePatienceMs: p.outage_patience_seconds * 1000 })
  const sdk = (mode: 'copy' | 'stream') => createSdkEngine({ ...common, mode, multipartCopyThreshold: over.multipartCopyThreshold })
  switch (engine) {
    case 's5cmd': {
      const root = config.output_directory
      // A download signs (or not) as the source is read; there is no destination bucket.
      const s5 = createS5cmdEngine({
        binary: s5cmd.path!,
        version: s5cmd.version!,
        source: src,
        destination: root ? { ...src, bucket: '' } : dst,
        localRoot: root,
        numWorkers: p.max_concurrent,
        retryCount: p.retry_count,
        batchSize: p.batch_size,
        partSizeMb: p.part_size_mb,
      })
      return root ? createS5cmdRoute(s5, download(), root) : createS5cmdRoute(s5, sdk('copy'), dst.bucket)
    }
    case 'download':
      return download()
    case 'traditional':
      return createTraditionalEngine({ ...common, tempRoot: over.tempRoot })
    case 'sdk-stream':
      return sdk('stream')
    case 'sdk-copy':
      return sdk('copy')
  }
}

/** s5cmd with the SDK behind it. Each task s5cmd starts is one CopyObject (its own retries are not reported per task). */
function createS5cmdRoute(s5: S5cmdEngine, sdk: TransferEngine & { meter: Meter; fallbacks?: string[]; fallbackCount?: number }, bucket: string): BuiltEngine {
  let started = 0
  const counted: S5cmdEngine = {
    ...s5,
    run: (tasks, ctx) =>
      s5.run(tasks, {
        signal: ctx.signal,
        onResult: (r) => ctx.onResult(r),
        log: (level, message) => ctx.log(level, message),
        waitIfPaused: ctx.waitIfPaused,
        onStart(ids) {
          started += ids.length
          ctx.onStart?.(ids)
        },
      }),
  }
  const direct = createDirectEngine(counted, sdk, bucket)
  return {
    name: direct.name,
    batches: direct.batches,
    run: (tasks, ctx) => direct.run(tasks, ctx),
    get fallbacks() {
      return [...direct.fallbacks, ...(sdk.fallbacks ?? [])]
    },
    get fallbackCount() {
      return direct.fallbackCount + (sdk.fallbackCount ?? 0)
    },
    get meter() {
      return { requests: started + sdk.meter.requests, hostBytes: sdk.meter.hostBytes }
    },
  }
}
