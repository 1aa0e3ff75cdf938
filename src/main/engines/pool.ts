// The task pool every SDK-side engine shares: `concurrency` tasks in flight (p-map, which reads
// the task list lazily, so a 100,000-task job holds no promise per waiting task), exactly one
// result per task, the attempts of every request in the result, and RE002 handled once for all of
// them — after an AccessDenied every further request would be denied too, so the rest are not
// attempted. A cancel does not stop the mapping: every task left still gets its `cancelled` result.
import pMap from 'p-map'
import type { Engine, TaskResult } from '../../shared/contract'
import { notAttemptedAfterDenied } from '../../shared/errors/classify'
import { ERROR_CLASSES } from '../../shared/errors/table'
import { classifyError, describeError } from '../s3/errors'
import { Attempts } from './meter'
import { retriedBySdk, withRetries } from './retry'
import type { CopyTask, EngineContext } from './types'

export interface PoolOptions {
  engine: Engine
  concurrency: number
  /** The bucket named in an AccessDenied message. */
  bucket: string
  /** Whole-task retries for a network error outside the SDK's own retries (a body cut mid-stream). */
  retryCount: number
}

/** `sha256` (hex) where the transfer proved the bytes for free: hashed while streaming, or S3's checksum of a copy. */
export type TaskBody = (t: CopyTask, attempts: Attempts, signal: AbortSignal) => Promise<{ bytes: number; engine?: Engine; sha256?: string }>

export async function runPool(tasks: readonly CopyTask[], ctx: EngineContext, o: PoolOptions, body: TaskBody): Promise<void> {
  let stopped: string | undefined
  const shouldRetry = (err: unknown) => !retriedBySdk(err) && ERROR_CLASSES[classifyError(err)].retryable

  async function runTask(t: CopyTask): Promise<TaskResult> {
    // Pause holds the next task; those in flight finish.
    await ctx.waitIfPaused?.()
    if (ctx.signal.aborted || stopped) return { id: t.id, outcome: 'failed', bytes: 0, engine: o.engine, reason: stopped ?? 'cancelled', errorClass: 'other', attempts: 0 }
    ctx.onStart?.([t.id])
    const attempts = new Attempts()
    try {
      const onRetry = () => void (attempts.retries += 1)
      const done = await withRetries(() => body(t, attempts, ctx.signal), { retries: o.retryCount, signal: ctx.signal, shouldRetry, onRetry })
      return { id: t.id, outcome: 'synced', bytes: done.bytes, engine: done.engine ?? o.engine, attempts: attempts.total, ...(done.sha256 ? { sha256: done.sha256 } : {}) }
    } catch (err) {
      attempts.add(err as { $metadata?: { attempts?: number } })
      const cancelled = ctx.signal.aborted
      const errorClass = cancelled ? 'other' : classifyError(err)
      const reason = cancelled ? 'cancelled' : describeError(err, o.bucket)
      if (errorClass === 'permission' && !stopped) {
        stopped = notAttemptedAfterDenied(o.bucket)
        ctx.log('error', `Access denied copying ${t.sourceKey} → ${o.bucket}/${t.destKey}; stopping the job. ${reason}`)
      }
      return { id: t.id, outcome: 'failed', bytes: 0, engine: o.engine, reason, errorClass, attempts: attempts.total }
    }
  }

  // The result is built first and given once, outside the try: a throwing onResult cannot add a
  // second result for the same task, and (stopOnError false) cannot leave the queue unrun.
  await pMap(tasks, async (t) => void ctx.onResult(await runTask(t)), { concurrency: Math.max(1, Math.floor(o.concurrency)), stopOnError: false })
}
