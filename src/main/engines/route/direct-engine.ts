// The direct-sync route, per task: s5cmd carries what it can; the SDK takes the keys s5cmd cannot
// carry safely (carriable.ts), and — once — the tasks s5cmd failed for a retryable cause (spec
// §7.2). AccessDenied (RE002) is critical: the job stops and says which bucket, no fallback.
// Every hand-over is tallied by reason for the report's fallbacks.
import type { TaskResult } from '../../../shared/contract'
import { notAttemptedAfterDenied } from '../../../shared/errors/classify'
import { ERROR_CLASSES } from '../../../shared/errors/table'
import type { S5cmdEngine } from '../s5cmd/engine'
import { chunksOf } from '../task-feed'
import type { CopyTask, EngineContext, TaskInput, TransferEngine } from '../types'
import { partitionTasks } from './carriable'

type DirectEngine = TransferEngine & { fallbacks: string[]; fallbackCount: number; meter: { requests: number; hostBytes: number } }

/** `sdk` is the engine behind s5cmd: a server-side copy, or a download for a local folder. */
export function createDirectEngine(s5cmd: S5cmdEngine, sdk: TransferEngine, destinationBucket: string): DirectEngine {
  const fallbacks: string[] = []
  const tally = new Map<string, number>()
  const note = (why: string) => tally.set(why, (tally.get(why) ?? 0) + 1)
  // Each task s5cmd starts is one CopyObject (its own retries are not reported per task).
  let started = 0
  return {
    name: 's5cmd',
    batches: s5cmd.batches,
    get fallbacks() {
      return [...fallbacks, ...(sdk.fallbacks ?? [])]
    },
    get fallbackCount() {
      return [...tally.values()].reduce((a, n) => a + n, 0) + (sdk.fallbackCount ?? 0)
    },
    get meter() {
      return { requests: started + (sdk.meter?.requests ?? 0), hostBytes: sdk.meter?.hostBytes ?? 0 }
    },
    async run(input: TaskInput, ctx: EngineContext) {
      const byId = new Map<number, CopyTask>()
      const retry: CopyTask[] = []
      // Split as the chunks come: s5cmd takes what it can carry at once, the SDK the rest after it.
      async function* carriable(): AsyncGenerator<readonly CopyTask[]> {
        for await (const tasks of chunksOf(input)) {
          const { carry, route } = partitionTasks(tasks)
          for (const t of carry) byId.set(t.id, t)
          for (const r of route) {
            retry.push(r.task)
            note(`key routed to the SDK: ${r.reason.replace(/".*"|U\+[0-9A-F]+/, 'a character')}`)
          }
          if (carry.length > 0) yield carry
        }
      }

      // s5cmd keeps copying after a denial; stop it ourselves, and with it the job.
      const stop = new AbortController()
      const onOuterAbort = () => stop.abort()
      ctx.signal.addEventListener('abort', onOuterAbort, { once: true })
      let denied: string | undefined
      // Explicit, not a spread: the caller's context may be a class whose methods live on its prototype.
      const inner: EngineContext = {
        signal: stop.signal,
        log: (level, message) => ctx.log(level, message),
        waitIfPaused: ctx.waitIfPaused,
        wildcards: ctx.wildcards,
        onStart(ids) {
          started += ids.length
          ctx.onStart?.(ids)
        },
        onResult(r: TaskResult) {
          if (r.outcome !== 'failed') return ctx.onResult(r)
          if (r.errorClass === 'permission' && !denied) {
            denied = notAttemptedAfterDenied(destinationBucket)
            ctx.log('error', `${r.reason} — stopping the job`)
            stop.abort()
          }
          if (denied || ctx.signal.aborted || !ERROR_CLASSES[r.errorClass ?? 'other'].fallback) return ctx.onResult(denied && r.errorClass !== 'permission' ? { ...r, reason: denied } : r)
          note(`s5cmd ${r.errorClass} error, retried through the SDK`)
          retry.push(byId.get(r.id)!)
        },
      }
      try {
        await s5cmd.run(carriable(), inner)
      } finally {
        ctx.signal.removeEventListener('abort', onOuterAbort)
      }
      if (denied || ctx.signal.aborted) {
        for (const t of retry) ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: 's5cmd', reason: denied ?? 'cancelled', errorClass: 'other', attempts: 0 })
        return
      }
      if (retry.length > 0) {
        ctx.log('warn', `Handing ${retry.length} objects to the SDK engine (${[...tally.keys()].join('; ')})`)
        await sdk.run(retry, ctx)
      }
      for (const [why, n] of tally) fallbacks.push(`${why} (${n} objects)`)
    },
  }
}
