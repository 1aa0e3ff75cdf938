// The s5cmd direct engine (DESIGN §6): batches of `cp` lines on the stdin of
// `s5cmd --json --log debug ... run`, its output written to files and read line by line as it
// arrives (output-file.ts says why not a pipe), one result per task.
//
// Sizing: `max_concurrent` is s5cmd's `--numworkers` (parallel copies inside ONE process); by
// default the batches form one pipeline (`maxProcesses` 1): the next process starts on the
// previous one's tail (see pipeline()), so max_concurrent copies stay in flight without a drain
// per batch, never more than 1.5 × max_concurrent. Raising maxProcesses runs whole batches side
// by side instead (numWorkers × maxProcesses copies in flight).
// `partSizeMb` is accepted for the common engine settings but unused: an s3→s3 cp is a single
// CopyObject (objects over 5 GB are routed to the SDK), so there are no parts to size.
import { join } from 'node:path'
import pMap from 'p-map'
import type { TaskResult } from '../../../shared/contract'
import { partitionTasks } from '../route/carriable'
import { removeLeftovers } from '../leftovers'
import type { CopyTask, EngineContext, TransferEngine } from '../types'
import { batchLines, taskUrls } from './batch'
import { feedLines } from './feeder'
import { buildInvocation, exportBatch, makeRedactor, type BatchExport, type InvocationInput } from './invocation'
import { openOutputFile, outputFolder, type OutputFile } from './output-file'
import { parseLine, type Stream } from './parse'
import { BatchReconciler } from './reconcile'
import { spawnTethered } from './tether'

export interface S5cmdEngineOptions extends InvocationInput {
  binary: string
  batchSize: number
  partSizeMb: number
  /** s5cmd processes at once (default 1). */
  maxProcesses?: number
  /** SIGTERM → SIGKILL grace on cancellation (default 5 s): in-flight copies are not interrupted by SIGTERM. */
  killGraceMs?: number
  /** How many recent output lines to keep for the debug log (default 2000). */
  keepLines?: number
  /** Environment the child starts from (default process.env); credentials are layered on top. */
  baseEnv?: NodeJS.ProcessEnv
}

export type S5cmdEngine = TransferEngine & {
  readonly batches: number[]
  /** The batch text and command line that reproduce a run of these tasks (no credentials). */
  exportBatch(tasks: readonly CopyTask[], opts?: { batchFile?: string }): BatchExport
  /** The last output lines, `stdout: ...` / `stderr: ...`, oldest first. */
  recentLines(): string[]
}

const UNCARRIABLE_PREFIX = 'not sent to s5cmd'

/** A batch's tail: once only `at` of its tasks are unreported, the next batch may start. */
interface Tail {
  at: number
  reached(): void
}

/**
 * One pipeline per job: batch k+1's process starts when batch k is down to its tail (half the
 * workers' worth of objects still open: every line read, workers going idle), not when it ends, so
 * the job never drains between batches. At most two processes at once: batch k+2 also waits for
 * batch k to exit. Objects in flight stay under numWorkers + tailAt.
 */
async function pipeline(queue: CopyTask[][], tailAt: number, runOne: (batch: CopyTask[], tail: Tail) => Promise<void>): Promise<void> {
  const tails: Promise<void>[] = []
  const exits: Promise<void>[] = []
  queue.forEach((batch, k) => {
    let reached!: () => void
    tails[k] = new Promise<void>((resolve) => (reached = resolve))
    exits[k] = (async () => {
      await tails[k - 1]
      await exits[k - 2]
      await runOne(batch, { at: tailAt, reached })
    })().finally(reached)
  })
  await Promise.all(exits)
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size))
  const out: T[][] = []
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n))
  return out
}

export function createS5cmdEngine(opts: S5cmdEngineOptions): S5cmdEngine {
  const inv = buildInvocation(opts)
  const { argv, line } = inv
  const keep = Math.max(0, opts.keepLines ?? 2_000)
  const recent: string[] = []
  const batches: number[] = []
  const redact = makeRedactor(opts.source, opts.destination)
  const remember = (s: string): void => {
    recent.push(redact(s))
    // Trim in bulk (amortised O(1) per line): a 100,000-object job prints 100,000+ lines.
    if (recent.length > 2 * keep) recent.splice(0, recent.length - keep)
  }

  async function runBatch(batch: CopyTask[], outer: EngineContext, outDir: string, tail?: Tail): Promise<void> {
    // Explicit, not a spread: the caller's context may be a class whose methods live on its prototype.
    const ctx: EngineContext = {
      signal: outer.signal,
      onResult: (r) => outer.onResult(r),
      onStart: (ids) => outer.onStart?.(ids),
      waitIfPaused: outer.waitIfPaused && (() => outer.waitIfPaused!()),
      log: (level, message) => outer.log(level, redact(message)),
    }
    const rec = new BatchReconciler(batch, line)
    let open = batch.length
    const emit = (r: TaskResult | null): void => {
      if (!r) return
      if (--open <= (tail?.at ?? -1)) tail?.reached()
      try {
        ctx.onResult(r)
      } catch (err) {
        ctx.log('error', `s5cmd engine: onResult threw for task ${r.id}: ${(err as Error).message}`)
      }
    }
    const flushAnomalies = (() => {
      let seen = 0
      return () => {
        for (; seen < rec.anomalies.length; seen++) ctx.log('warn', rec.anomalies[seen]!)
      }
    })()
    if (ctx.signal.aborted) {
      for (const r of rec.finish({ cancelled: true })) emit(r)
      return
    }
    batches.push(batch.length)
    ctx.onStart?.(batch.map((t) => t.id))
    ctx.log('debug', `s5cmd batch of ${batch.length}: ${[opts.binary, ...argv].join(' ')}`)

    const onLine = (name: Stream) => (text: string) => {
      remember(`${name}: ${text}`)
      const ev = parseLine(text, name)
      if (!ev) return
      if (ev.kind === 'retry') ctx.log('debug', `s5cmd ${ev.error}`)
      emit(rec.accept(ev))
      flushAnomalies()
    }
    const n = batches.length
    const stdout = await openOutputFile(join(outDir, `${n}.stdout`), onLine('stdout'))
    let stderr: OutputFile | undefined
    let result
    try {
      stderr = await openOutputFile(join(outDir, `${n}.stderr`), onLine('stderr'))
      // No shell between us and s5cmd's argv: tether.ts starts it through a constant sh script
      // that passes argv on as "$@" and ties the child's life to ours. execa owns the child:
      // cancelSignal sends SIGTERM, forceKillAfterDelay follows with SIGKILL, cleanup kills it if
      // this process exits. execa spawns synchronously, so the child holds its own copies of the
      // output descriptors once it returns and ours can close.
      const lines = batchLines(batch, line).map((text) => ({ text, tasks: 1 }))
      const { child } = await spawnTethered(opts.binary, argv, { stdout: stdout.fd, stderr: stderr.fd }, {
        reject: false,
        env: inv.env(opts.baseEnv ?? process.env),
        extendEnv: false,
        cancelSignal: ctx.signal,
        killSignal: 'SIGTERM',
        forceKillAfterDelay: opts.killGraceMs ?? 5_000,
        cleanup: true,
        windowsHide: true,
      })
      await Promise.all([stdout.released(), stderr.released()])
      const out = stdout
      const err = stderr
      // One line per free worker plus as many waiting: s5cmd never idles for a line, and a pause
      // or a kill finds at most this many in its hands.
      const fed = feedLines(child.stdin!, lines, {
        window: 2 * opts.numWorkers,
        reported: () => batch.length - open,
        refresh: async () => void (await Promise.all([out.read(), err.read()])),
        waitIfPaused: ctx.waitIfPaused,
        signal: ctx.signal,
        exited: child,
        onStall: (n) => ctx.log('warn', `s5cmd reported nothing for ${n} lines in 30 s: the rest of its batch is handed over at once`),
      })
      result = await child
      await fed
    } finally {
      await Promise.all([stdout.finish(), stderr?.finish()])
    }
    const cancelled = Boolean(result.isCanceled) || (ctx.signal.aborted && result.exitCode !== 0)
    const spawnFailed = result.exitCode === undefined && !result.signal && !result.isCanceled
    for (const r of rec.finish({
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      cancelled,
      processError: spawnFailed ? `s5cmd could not run: ${result.originalMessage || result.shortMessage}` : undefined,
    }))
      emit(r)
    flushAnomalies()
    ctx.log(
      result.exitCode === 0 ? 'debug' : 'warn',
      `s5cmd batch ended (${cancelled ? 'cancelled, ' : ''}${result.signal ? `signal ${result.signal}` : `exit ${result.exitCode}`}), ${rec.retries} retries`,
    )
  }

  return {
    name: 's5cmd',
    batches,
    recentLines: () => recent.slice(-keep),
    exportBatch: (tasks, o = {}) => exportBatch(inv, tasks, { binary: opts.binary, batchFile: o.batchFile }),
    async run(tasks, ctx) {
      // The route sends only carriable tasks here; the same rule guards a direct caller.
      const { carry, route } = partitionTasks(tasks)
      for (const { task, reason } of route)
        ctx.onResult({ id: task.id, outcome: 'failed', engine: 's5cmd', bytes: 0, reason: `${UNCARRIABLE_PREFIX}: ${reason}`, errorClass: 's5cmd' })
      const queue = chunk(carry, opts.batchSize)
      if (queue.length === 0) return
      // Download mode: partial files a killed s5cmd left beside these targets go before they are fetched again.
      if (opts.localRoot) await removeLeftovers(carry.map((t) => taskUrls(t, line).destination))
      const outDir = await outputFolder()
      const runOne = async (batch: CopyTask[], tail?: Tail): Promise<void> => {
        // Pause holds the next batch; a running s5cmd finishes the batch it has.
        await ctx.waitIfPaused?.()
        await runBatch(batch, ctx, outDir.path, tail)
      }
      const processes = Math.max(1, Math.floor(opts.maxProcesses ?? 1))
      try {
        if (processes === 1) await pipeline(queue, Math.floor(opts.numWorkers / 2), runOne)
        else await pMap(queue, (b) => runOne(b), { concurrency: processes })
      } finally {
        await outDir.remove()
      }
    },
  }
}
