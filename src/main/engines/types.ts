// What every engine (s5cmd, SDK copy, SDK stream, download) is given and must give back.
import type { Engine, TaskResult } from '../../shared/contract'
import type { WildcardRun } from '../../shared/plan-wildcards'
import type { Meter } from './meter'

/** One object to move. `destKey` is a key in the destination bucket, or a path relative to the output folder. */
export interface CopyTask {
  id: number
  sourceKey: string
  destKey: string
  size: number
  etag?: string
}

/**
 * A task's result as an engine gives it: with the ETag a server-side copy's response gave the new
 * object, for the verifier (quotes removed). The job keeps it; it goes neither to the journal nor
 * to the UI.
 */
export type CopyResult = TaskResult & { etag?: string }

export interface EngineContext {
  signal: AbortSignal
  /** Called once per task, exactly: synced, skipped or failed. */
  onResult(result: CopyResult): void
  /** Tasks handed to the transport, for the in-flight gauge. */
  onStart?(ids: readonly number[]): void
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void
  /** Resolves when the job is not paused; awaited before taking each task or batch. */
  waitIfPaused?(): Promise<void>
  /**
   * Counts a service reports for tasks it runs itself (S3 Batch Operations' DescribeJob), shown
   * until their per-task results arrive; undefined clears them.
   */
  onProgress?(p: { succeeded: number; failed: number } | undefined): void
  /**
   * The plan's wildcard runs (plan-wildcards.ts): s5cmd copies a run sent whole with one line.
   * While a feed is filled it grows too: a folder's runs are added before its tasks are fed.
   */
  wildcards?: readonly WildcardRun[]
}

/**
 * What an engine is given to move: every task at once, or a feed of chunks in plan order that a
 * job fills while its listing goes on (task-feed.ts), so the first folders copy while later ones
 * are still listed. Either way each task gets exactly one result.
 */
export type TaskInput = readonly CopyTask[] | AsyncIterable<readonly CopyTask[]>

/** The one engine interface: the route builds one of these per job and the job only sees this. */
export interface TransferEngine {
  readonly name: Engine
  run(tasks: TaskInput, ctx: EngineContext): Promise<void>
  /** Size of every s5cmd batch started, in order (the report's batch_count / average_batch_size). */
  readonly batches?: number[]
  /** Why objects left this engine's first choice, with counts; and how many objects did. */
  readonly fallbacks?: string[]
  readonly fallbackCount?: number
  /** Requests sent and bytes through this machine, as counted while running. */
  readonly meter?: Meter
}

/** Endpoints are the S3 layer's: engines, plan and verify all speak to S3 through it. */
export type { Endpoint } from '../s3/clients'
