// Turn s5cmd's events into exactly one TaskResult per task of a batch. s5cmd's output is
// unordered, skips print only at debug level, a refused line leaves exit 0, and an object can
// go unmentioned altogether: so nothing counts as done unless a line says so.
import type { TaskResult } from '../../../shared/contract'
import type { CopyTask } from '../types'
import { taskUrls, type BatchUnit } from './batch'
import { describeS5cmdError, splitCommand, type S5cmdEvent } from './parse'

export const NO_REPORT_REASON = 's5cmd reported nothing for this object'
export const CANCELLED_REASON = 'cancelled'

export interface BatchEnd {
  exitCode?: number | null
  signal?: string | null
  /** The run was cancelled (ctx.signal): unsettled tasks are "cancelled", not "reported nothing". */
  cancelled?: boolean
  /** The child could not be started or died abnormally (spawn error, stdin error). */
  processError?: string
}

export interface ReconcileOptions {
  sourceBucket: string
  destinationBucket: string
}

const pairKey = (source: string, destination: string): string => `${source}\n${destination}`

export class BatchReconciler {
  private readonly byPair = new Map<string, CopyTask[]>()
  /** Wildcard lines by their URL pair: an error that names one (its listing failed) fails its open tasks. */
  private readonly byWildcard = new Map<string, CopyTask[]>()
  private readonly results = new Map<number, TaskResult>()
  /** Lines and events that did not settle a task: kept for the log and the report. */
  readonly anomalies: string[] = []
  /** Errors about the whole run (not one object). */
  readonly runErrors: string[] = []
  retries = 0
  stat: { success: number; error: number } | undefined

  private readonly tasks: CopyTask[] = []

  constructor(
    tasks: readonly CopyTask[],
    private readonly opts: ReconcileOptions,
    units: readonly BatchUnit[] = [],
  ) {
    this.add(tasks, units)
  }

  /** More tasks for the same process (a job's feed, as its plan grows), with the lines that carry them. */
  add(tasks: readonly CopyTask[], units: readonly BatchUnit[] = []): void {
    for (const u of units) if (u.wildcard) this.byWildcard.set(pairKey(u.wildcard.source, u.wildcard.destination), u.tasks)
    for (const t of tasks) {
      this.tasks.push(t)
      const { source, destination } = taskUrls(t, this.opts)
      const k = pairKey(source, destination)
      const list = this.byPair.get(k)
      if (list) list.push(t)
      else this.byPair.set(k, [t])
    }
  }

  get settledCount(): number {
    return this.results.size
  }

  /** Every task's result, in task order (undefined for those not settled yet). */
  resultsInOrder(): (TaskResult | undefined)[] {
    return this.tasks.map((t) => this.results.get(t.id))
  }

  /** Feed one event; returns the results it makes final (to report live). */
  accept(ev: S5cmdEvent): TaskResult[] {
    if (ev.kind === 'failure' && this.byWildcard.size > 0) {
      const line = splitCommand(ev.command, (s, d) => this.byWildcard.has(pairKey(s, d)))
      const tasks = line && this.byWildcard.get(pairKey(line.source, line.destination))
      if (tasks) {
        // The line's own listing failed (or matched nothing): what it has not copied yet will not be.
        const reason = describeS5cmdError(ev.error, ev.errorClass)
        return tasks.filter((t) => !this.results.has(t.id)).map((t) => this.record({ id: t.id, outcome: 'failed', engine: 's5cmd', bytes: 0, reason, errorClass: ev.errorClass }))
      }
    }
    const r = this.one(ev)
    return r ? [r] : []
  }

  private one(ev: S5cmdEvent): TaskResult | null {
    switch (ev.kind) {
      case 'success':
        return this.settle(ev.source, ev.destination, (t) => ({ id: t.id, outcome: 'synced', engine: 's5cmd', bytes: t.size }), ev)
      case 'skip': {
        const p = this.resolve(ev.job)
        if (!p) return this.anomaly(`skip for an unknown object: ${ev.job}`)
        // Same convention as the planner's skips: the object is there, its bytes count as done.
        return this.settle(p.source, p.destination, (t) => ({ id: t.id, outcome: 'skipped', engine: 's5cmd', bytes: t.size, reason: ev.reason }), ev)
      }
      case 'failure': {
        const p = this.resolve(ev.command)
        if (!p) {
          this.runErrors.push(ev.error)
          return this.anomaly(`failure for an unknown object: ${ev.command}: ${ev.error}`)
        }
        const reason = describeS5cmdError(ev.error, ev.errorClass)
        return this.settle(p.source, p.destination, (t) => ({ id: t.id, outcome: 'failed', engine: 's5cmd', bytes: 0, reason, errorClass: ev.errorClass }), ev)
      }
      case 'bad-line':
        // s5cmd 2.2.2's "(line: N)" is NOT reliable: the worker closure reads the loop counter
        // when it runs, not when the line was read (seen: a bogus first line reported as line 1).
        // So a refused line names no task; its task stays open and is failed at batch end.
        this.runErrors.push(`refused a batch line: ${ev.error}`)
        return this.anomaly(`s5cmd refused a batch line: ${ev.error}`)
      case 'retry':
        this.retries++
        return null
      case 'error':
        this.runErrors.push(ev.error)
        return this.anomaly(`s5cmd error${ev.command ? ` (${ev.command})` : ''}: ${ev.error}`)
      case 'stat':
        this.stat = { success: ev.success, error: ev.error }
        return null
      case 'unknown':
        return this.anomaly(`unrecognised s5cmd line (${ev.why}): ${ev.line.slice(0, 500)}`)
    }
  }

  /** At batch end: every task still without a result gets one. Returns those new results. */
  finish(end: BatchEnd): TaskResult[] {
    const open = this.tasks.filter((t) => !this.results.has(t.id))
    if (open.length === 0) return []
    let reason: string = NO_REPORT_REASON
    if (end.cancelled) reason = CANCELLED_REASON
    else {
      const why: string[] = []
      if (end.processError) why.push(end.processError)
      if (end.signal) why.push(`s5cmd was killed by ${end.signal}`)
      else if (end.exitCode !== undefined && end.exitCode !== null && end.exitCode !== 0) why.push(`s5cmd exited with code ${end.exitCode}`)
      if (this.runErrors.length > 0) why.push(`s5cmd: ${this.runErrors[0]}${this.runErrors.length > 1 ? ` (+${this.runErrors.length - 1} more)` : ''}`)
      if (why.length > 0) reason = `${NO_REPORT_REASON} (${why.join('; ')})`
      if (end.exitCode === 0 && !end.signal) this.anomalies.push(`s5cmd exited 0 but never mentioned ${open.length} of ${this.tasks.length} objects`)
    }
    return open.map((t) =>
      this.record({ id: t.id, outcome: 'failed', engine: 's5cmd', bytes: 0, reason, errorClass: end.cancelled ? 'other' : 's5cmd' }),
    )
  }

  private resolve(command: string): { source: string; destination: string } | null {
    return splitCommand(command, (s, d) => this.byPair.has(pairKey(s, d)))
  }

  private settle(source: string, destination: string, make: (t: CopyTask) => TaskResult, ev: S5cmdEvent): TaskResult | null {
    const list = this.byPair.get(pairKey(source, destination))
    // The first task of this pair still open: identical pairs (should not happen) settle in turn.
    const t = list?.find((x) => !this.results.has(x.id))
    if (!t) return this.anomaly(`${ev.kind} line for ${list ? 'an object already settled' : 'an object not in this batch'}: ${source} → ${destination}`)
    return this.record(make(t))
  }

  private record(r: TaskResult): TaskResult {
    this.results.set(r.id, r)
    return r
  }

  private anomaly(note: string): null {
    this.anomalies.push(note)
    return null
  }
}

export interface Reconciliation {
  results: TaskResult[]
  counts: { synced: number; skipped: number; failed: number }
  anomalies: string[]
  retries: number
}

/** All at once (tests, replays of a recorded run): one result per task, in task order. */
export function reconcile(tasks: readonly CopyTask[], events: readonly S5cmdEvent[], end: BatchEnd, opts: ReconcileOptions): Reconciliation {
  const r = new BatchReconciler(tasks, opts)
  for (const ev of events) r.accept(ev)
  r.finish(end)
  const results = r.resultsInOrder() as TaskResult[]
  const counts = { synced: 0, skipped: 0, failed: 0 }
  for (const x of results) counts[x.outcome]++
  return { results, counts, anomalies: r.anomalies, retries: r.retries }
}
