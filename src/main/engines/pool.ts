// The worker pool every SDK-side engine shares: `concurrency` tasks in flight, exactly one result
// per task, the attempts of every request in the result, and RE002 handled once for all of them —
// after an AccessDenied every further request would be denied too, so the rest are not attempted.
import type { Engine } from '../../shared/contract'
import { classifyError, describeError } from './errors'
import { Attempts } from './meter'
import type { CopyTask, EngineContext } from './types'

export interface PoolOptions {
  engine: Engine
  concurrency: number
  /** The bucket named in an AccessDenied message. */
  bucket: string
  /** Whole-task retries for a network error outside the SDK's own retries (a body cut mid-stream). */
  retryCount: number
}

/** An error the SDK raised has already been retried by it; a stream error mid-body has not. */
const retriedBySdk = (err: unknown): boolean => typeof err === 'object' && err !== null && '$metadata' in err

/** Exponential backoff with full jitter (100 ms, 200 ms, ... capped at 5 s), cut short by a cancel. */
export function backoff(attempt: number, signal: AbortSignal): Promise<void> {
  const ms = Math.random() * Math.min(5_000, 100 * 2 ** attempt)
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

async function withTaskRetries<T>(run: () => Promise<T>, o: PoolOptions, attempts: Attempts, signal: AbortSignal): Promise<T> {
  for (let k = 0; ; k++) {
    try {
      return await run()
    } catch (err) {
      if (k >= o.retryCount || signal.aborted || retriedBySdk(err) || classifyError(err) !== 'network') throw err
      attempts.retries += 1
      await backoff(k, signal)
    }
  }
}

/** `sha256` (hex) where the transfer proved the bytes for free: hashed while streaming, or S3's checksum of a copy. */
export type TaskBody = (t: CopyTask, attempts: Attempts, signal: AbortSignal) => Promise<{ bytes: number; engine?: Engine; sha256?: string }>

export async function runPool(tasks: readonly CopyTask[], ctx: EngineContext, o: PoolOptions, body: TaskBody): Promise<void> {
  let next = 0
  let stopped: string | undefined
  const worker = async () => {
    while (next < tasks.length) {
      await ctx.waitIfPaused?.()
      if (next >= tasks.length) break
      const t = tasks[next++]
      if (ctx.signal.aborted || stopped) {
        ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: o.engine, reason: stopped ?? 'cancelled', errorClass: 'other', attempts: 0 })
        continue
      }
      ctx.onStart?.([t.id])
      const attempts = new Attempts()
      try {
        const done = await withTaskRetries(() => body(t, attempts, ctx.signal), o, attempts, ctx.signal)
        ctx.onResult({ id: t.id, outcome: 'synced', bytes: done.bytes, engine: done.engine ?? o.engine, attempts: attempts.total, ...(done.sha256 ? { sha256: done.sha256 } : {}) })
      } catch (err) {
        attempts.add(err as { $metadata?: { attempts?: number } })
        const cancelled = ctx.signal.aborted
        const errorClass = cancelled ? 'other' : classifyError(err)
        const reason = cancelled ? 'cancelled' : describeError(err, o.bucket)
        if (errorClass === 'permission' && !stopped) {
          stopped = `not attempted: stopped after AccessDenied on ${o.bucket} (${reason})`
          ctx.log('error', `Access denied copying ${t.sourceKey} → ${o.bucket}/${t.destKey}; stopping the job. ${reason}`)
        }
        ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: o.engine, reason, errorClass, attempts: attempts.total })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(0, Math.min(o.concurrency, tasks.length)) }, worker))
}
