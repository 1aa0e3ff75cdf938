// The task pool every SDK-side engine shares: `concurrency` tasks in flight (p-map, which reads
// the task list or feed lazily, so a 100,000-task job holds no promise per waiting task), exactly one
// result per task, the attempts of every request in the result, and RE002 handled once for all of
// them — after an AccessDenied every further request would be denied too, so the rest are not
// attempted — and outages handled once for all of them by the breaker (breaker.ts). A cancel does
// not stop the mapping: every task left still gets its `cancelled` result.
import pMap from 'p-map'
import type { Engine, ErrorClass } from '../../shared/contract'
import { notAttemptedAfterDenied } from '../../shared/errors/classify'
import { ERROR_CLASSES, RUNTIME } from '../../shared/errors/table'
import { classifyError, describeError } from '../s3/errors'
import { DEFAULT_OUTAGE_PATIENCE_MS, OutageBreaker, type Probe } from './breaker'
import { Attempts } from './meter'
import { retriedBySdk, withRetries } from './retry'
import { eachTask } from './task-feed'
import type { CopyResult, CopyTask, EngineContext, TaskInput } from './types'

export interface PoolOptions {
  engine: Engine
  concurrency: number
  /** The bucket named in an AccessDenied message. */
  bucket: string
  /** Whole-task retries for a network error outside the SDK's own retries (a body cut mid-stream). */
  retryCount: number
  /** Reaches the endpoints the tasks use; without it an outage fails the tasks it cuts. */
  probe?: Probe
  /** How long an outage is ridden out before the job stops (outage_patience_seconds). */
  outagePatienceMs?: number
}

/** A task cut by one outage after another is given up on after this many (an endpoint that flaps on every attempt). */
const MAX_OUTAGE_RETRIES = 10

/**
 * `sha256` (hex) where the transfer proved the bytes for free: hashed while streaming, or S3's
 * checksum of a copy; `etag`, the ETag a copy's response gave the new object.
 */
export type TaskBody = (t: CopyTask, attempts: Attempts, signal: AbortSignal) => Promise<{ bytes: number; engine?: Engine; sha256?: string; etag?: string }>

export async function runPool(tasks: TaskInput, ctx: EngineContext, o: PoolOptions, body: TaskBody): Promise<void> {
  let stopped: { reason: string; errorClass: ErrorClass } | undefined
  const shouldRetry = (err: unknown) => !retriedBySdk(err) && ERROR_CLASSES[classifyError(err)].retryable
  const patienceMs = o.outagePatienceMs ?? DEFAULT_OUTAGE_PATIENCE_MS
  const log = (level: 'warn' | 'info', message: string) => ctx.log(level, message)
  const breaker = o.probe ? new OutageBreaker({ probe: o.probe, patienceMs, signal: ctx.signal, log }) : undefined

  /** The body with its retries; an attempt an outage cut is run again once the endpoint answers. */
  async function attempt(t: CopyTask, attempts: Attempts) {
    const onRetry = () => void (attempts.retries += 1)
    for (let cut = 0; ; cut++) {
      const mark = breaker?.mark() ?? 0
      try {
        return await withRetries(() => body(t, attempts, ctx.signal), { retries: o.retryCount, signal: ctx.signal, shouldRetry, onRetry })
      } catch (err) {
        if (!breaker || ctx.signal.aborted || cut >= MAX_OUTAGE_RETRIES || classifyError(err) !== 'network') throw err
        const verdict = await breaker.afterNetworkFailure(mark)
        if (verdict === 'gave-up' && !stopped) stopped = { reason: `not attempted: the endpoint was unreachable for ${Math.round(patienceMs / 1000)} s (RE003: ${RUNTIME.RE003.fix})`, errorClass: 'network' }
        if (verdict !== 'retry') throw err
        attempts.add(err as { $metadata?: { attempts?: number } })
        attempts.retries += 1
      }
    }
  }

  async function runTask(t: CopyTask): Promise<CopyResult> {
    // Pause holds the next task; those in flight finish. So does an outage.
    await ctx.waitIfPaused?.()
    await breaker?.ready()
    if (ctx.signal.aborted || stopped) return { id: t.id, outcome: 'failed', bytes: 0, engine: o.engine, reason: ctx.signal.aborted ? 'cancelled' : stopped!.reason, errorClass: ctx.signal.aborted ? 'other' : stopped!.errorClass, attempts: 0 }
    ctx.onStart?.([t.id])
    const attempts = new Attempts()
    try {
      const done = await attempt(t, attempts)
      return { id: t.id, outcome: 'synced', bytes: done.bytes, engine: done.engine ?? o.engine, attempts: attempts.total, ...(done.sha256 ? { sha256: done.sha256 } : {}), ...(done.etag ? { etag: done.etag } : {}) }
    } catch (err) {
      attempts.add(err as { $metadata?: { attempts?: number } })
      const cancelled = ctx.signal.aborted
      const errorClass = cancelled ? 'other' : classifyError(err)
      const reason = cancelled ? 'cancelled' : describeError(err, o.bucket)
      if (errorClass === 'permission' && !stopped) {
        stopped = { reason: notAttemptedAfterDenied(o.bucket), errorClass: 'other' }
        ctx.log('error', `Access denied copying ${t.sourceKey} → ${o.bucket}/${t.destKey}; stopping the job. ${reason}`)
      }
      return { id: t.id, outcome: 'failed', bytes: 0, engine: o.engine, reason, errorClass, attempts: attempts.total }
    }
  }

  // The result is built first and given once, outside the try: a throwing onResult cannot add a
  // second result for the same task, and (stopOnError false) cannot leave the queue unrun.
  await pMap(eachTask(tasks), async (t) => void ctx.onResult(await runTask(t)), { concurrency: Math.max(1, Math.floor(o.concurrency)), stopOnError: false })
}
