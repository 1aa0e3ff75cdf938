// What every engine (s5cmd, SDK copy, SDK stream, download) is given and must give back.
import type { Engine, TaskResult } from '../../shared/contract'

/** One object to move. `destKey` is a key in the destination bucket, or a path relative to the output folder. */
export interface CopyTask {
  id: number
  sourceKey: string
  destKey: string
  size: number
  etag?: string
}

export interface EngineContext {
  signal: AbortSignal
  /** Called once per task, exactly: synced, skipped or failed. */
  onResult(result: TaskResult): void
  /** Tasks handed to the transport, for the in-flight gauge. */
  onStart?(ids: readonly number[]): void
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void
  /** Resolves when the job is not paused; awaited before taking each task or batch. */
  waitIfPaused?(): Promise<void>
}

export interface TransferEngine {
  readonly name: Engine
  run(tasks: readonly CopyTask[], ctx: EngineContext): Promise<void>
}

/** Connection settings for one side, already resolved (credentials stay in main). */
export interface Endpoint {
  bucket: string
  region: string
  endpointUrl?: string
  anonymous?: boolean
  /** Object bytes by unsigned HTTP GET of this base + key (source.https_base); listing stays on S3. */
  httpsBase?: string
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  profile?: string
}
