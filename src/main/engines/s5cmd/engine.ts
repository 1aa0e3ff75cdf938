// The s5cmd direct engine (DESIGN §6): one `cp` line per task, or per wildcard run of the plan
// sent whole (batch.ts), on the stdin of `s5cmd --json --log debug ... run`, its output written
// to files and read line by line as it arrives (output-file.ts says why not a pipe), one result
// per task.
//
// One process per job: every task's line goes to the stdin of ONE `s5cmd run`, fed a window at a
// time (feeder.ts), so `max_concurrent` copies (s5cmd's `--numworkers`) stay in flight from the
// first object to the last, no process start or drain is paid per batch, and a pause or a kill
// finds only the window in s5cmd's hands (a whole-job A/B against overlapping per-batch processes,
// 2,920 objects, came out level on wall time within this machine's noise).
// `batch_size` stays the journaling and reporting unit: `batches` counts the tasks handed over in
// units of batch_size. A process that dies before taking every line (a crash, not a cancel) leaves
// its untaken tasks to a new process, as long as the last one reported anything.
// `partSizeMb` is accepted for the common engine settings but unused: an s3→s3 cp is a single
// CopyObject (objects over 5 GB are routed to the SDK), so there are no parts to size.
import { join } from 'node:path'
import type { TaskResult } from '../../../shared/contract'
import { partitionTasks } from '../route/carriable'
import { removeLeftovers } from '../leftovers'
import { chunkQueue, type ChunkQueue } from './chunk-queue'
import type { CopyTask, EngineContext, TransferEngine } from '../types'
import { batchUnits, runPicker, taskUrls, type BatchUnit } from './batch'
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

  /**
   * One `s5cmd run` over `first` and the chunks the queue gives while it runs (a job's feed, as its
   * plan grows); returns the tasks it never took when it died early and should be run again.
   */
  async function runProcess(p: { first: readonly CopyTask[]; queue: ChunkQueue }, outer: EngineContext, outDir: string, n: number, handOver: (ids: number[]) => void, pickRuns: ReturnType<typeof runPicker>): Promise<CopyTask[]> {
    // Explicit, not a spread: the caller's context may be a class whose methods live on its prototype.
    const ctx: EngineContext = {
      signal: outer.signal,
      onResult: (r) => outer.onResult(r),
      onStart: (ids) => outer.onStart?.(ids),
      waitIfPaused: outer.waitIfPaused && (() => outer.waitIfPaused!()),
      log: (level, message) => outer.log(level, redact(message)),
    }
    // One line per free worker plus as many waiting: s5cmd never idles for a line, and a pause
    // or a kill finds at most this many in its hands (a wildcard line may carry more: feeder.ts).
    const window = 2 * opts.numWorkers
    const rec = new BatchReconciler([], line)
    const units: BatchUnit[] = []
    const lines: string[] = []
    const weights: number[] = []
    let planned = 0
    let settled = 0
    // The first window goes line by line: a wildcard line is handed over only once a copy has reported.
    const add = (tasks: readonly CopyTask[]): void => {
      const u = batchUnits(tasks, line, pickRuns(tasks), Math.max(0, window - planned))
      rec.add(tasks, u)
      for (const x of u) {
        units.push(x)
        lines.push(x.text)
        weights.push(x.tasks.length)
      }
      planned += tasks.length
    }
    add(p.first)
    const emit = (r: TaskResult | null): void => {
      if (!r) return
      settled++
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
      return []
    }
    ctx.log('debug', `s5cmd process for ${p.first.length} objects: ${[opts.binary, ...argv].join(' ')}`)
    // The pump: chunks that arrive while this process runs become lines the feeder hands on. Once
    // the process has ended it takes nothing more: what comes is the next process's.
    let ended = false
    let stopped = false
    let wake: (() => void) | undefined
    const grown = () => new Promise<boolean>((resolve) => (wake = () => resolve(true)))
    const pump = (async () => {
      for (let c = await p.queue.take(() => stopped); c; c = await p.queue.take(() => stopped)) {
        add(c)
        wake?.()
      }
      ended = true
      wake?.()
    })()
    const onLine = (name: Stream) => (text: string) => {
      remember(`${name}: ${text}`)
      const ev = parseLine(text, name)
      if (!ev) return
      if (ev.kind === 'retry') ctx.log('debug', `s5cmd ${ev.error}`)
      for (const r of rec.accept(ev)) emit(r)
      flushAnomalies()
    }
    const stdout = await openOutputFile(join(outDir, `${n}.stdout`), onLine('stdout'))
    let stderr: OutputFile | undefined
    let result
    let handed: number
    try {
      stderr = await openOutputFile(join(outDir, `${n}.stderr`), onLine('stderr'))
      // No shell between us and s5cmd's argv: tether.ts starts it through a constant sh script
      // that passes argv on as "$@" and ties the child's life to ours. execa owns the child:
      // cancelSignal sends SIGTERM, forceKillAfterDelay follows with SIGKILL, cleanup kills it if
      // this process exits. execa spawns synchronously, so the child holds its own copies of the
      // output descriptors once it returns and ours can close.
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
      const fed = feedLines(child.stdin!, lines, {
        window,
        weights,
        more: () => (ended ? Promise.resolve(false) : grown()),
        reported: () => settled,
        refresh: async () => void (await Promise.all([out.read(), err.read()])),
        waitIfPaused: ctx.waitIfPaused,
        signal: ctx.signal,
        exited: child,
        onHand: (from, to) => handOver(units.slice(from, to).flatMap((u) => u.tasks.map((t) => t.id))),
        onStall: (k) => ctx.log('warn', `s5cmd reported nothing for ${k} objects in 30 s: the rest of its lines are handed over at once`),
      })
      result = await child
      handed = await fed
    } finally {
      await Promise.all([stdout.finish(), stderr?.finish()])
      stopped = true
      p.queue.wake()
      await pump
    }
    const cancelled = Boolean(result.isCanceled) || (ctx.signal.aborted && result.exitCode !== 0)
    const spawnFailed = result.exitCode === undefined && !result.signal && !result.isCanceled
    // Died before taking every line (s5cmd exits 0 or 1 only once its input has ended): what it never
    // took goes to a new process, unless this one reported nothing (a binary that cannot work).
    const untaken = !cancelled && !spawnFailed && handed < units.length && settled > 0 ? units.slice(handed).flatMap((u) => u.tasks) : []
    const again = new Set(untaken.map((t) => t.id))
    for (const r of rec.finish({
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      cancelled,
      processError: spawnFailed ? `s5cmd could not run: ${result.originalMessage || result.shortMessage}` : undefined,
    }))
      if (!again.has(r.id)) emit(r)
    flushAnomalies()
    ctx.log(
      result.exitCode === 0 ? 'debug' : 'warn',
      `s5cmd process ended (${cancelled ? 'cancelled, ' : ''}${result.signal ? `signal ${result.signal}` : `exit ${result.exitCode}`}), ${rec.retries} retries`,
    )
    if (untaken.length > 0) ctx.log('warn', `s5cmd ended before taking ${untaken.length} lines: a new process takes them`)
    return untaken
  }

  return {
    name: 's5cmd',
    batches,
    recentLines: () => recent.slice(-keep),
    exportBatch: (tasks, o = {}) => exportBatch(inv, tasks, { binary: opts.binary, batchFile: o.batchFile }),
    async run(input, ctx) {
      // The route sends only carriable tasks here; the same rule guards a direct caller.
      const queue = chunkQueue(input, async (tasks) => {
        const { carry, route } = partitionTasks(tasks)
        for (const { task, reason } of route)
          ctx.onResult({ id: task.id, outcome: 'failed', engine: 's5cmd', bytes: 0, reason: `${UNCARRIABLE_PREFIX}: ${reason}`, errorClass: 's5cmd' })
        // Download mode: partial files a killed s5cmd left beside these targets go before they are fetched again.
        if (opts.localRoot && carry.length > 0) await removeLeftovers(carry.map((t) => taskUrls(t, line).destination))
        return carry
      })
      const first = await queue.take()
      if (!first) return queue.done()
      const outDir = await outputFolder()
      const unit = Math.max(1, Math.floor(opts.batchSize))
      let inUnit = unit
      const handOver = (ids: number[]): void => {
        ctx.onStart?.(ids)
        for (let left = ids.length; left > 0; ) {
          if (inUnit === unit) batches.push((inUnit = 0))
          const take = Math.min(left, unit - inUnit)
          batches[batches.length - 1]! += take
          inUnit += take
          left -= take
        }
      }
      const pickRuns = runPicker(() => ctx.wildcards)
      try {
        for (let n = 1, tasks: readonly CopyTask[] | undefined = first; tasks; n++, tasks = await queue.take()) {
          // Pause holds a new process too; the running one is held line by line by the feeder.
          await ctx.waitIfPaused?.()
          const untaken = await runProcess({ first: tasks, queue }, ctx, outDir.path, n, handOver, pickRuns)
          if (untaken.length > 0) queue.putBack(untaken)
        }
        await queue.done()
      } finally {
        await outDir.remove()
      }
    },
  }
}
