// Turns a stream of per-task results into at most one snapshot per interval (and one task-batch
// with the results since the last one), whatever the file rate: the UI never gets a message per file.
import type { Engine, JobEvent, Snapshot, TaskResult } from '../../shared/contract'
import { etaSeconds, ewma } from '../../shared/metrics'

export class ProgressAggregator {
  private done = { objects: 0, bytes: 0, synced: 0, skipped: 0, failed: 0 }
  private pending: TaskResult[] = []
  private inFlight = new Set<number>()
  private last = { at: 0, objects: 0, bytes: 0 }
  private rate: { bytes?: number; objects?: number } = {}
  private instant = { bytes: 0, objects: 0 }
  /** Tasks a service has finished by its own count (S3 Batch Operations), not yet recorded here. */
  private remote = { synced: 0, failed: 0 }
  private timer: ReturnType<typeof setInterval> | undefined
  private readonly startedAt: number
  engine: Engine | null = null

  constructor(
    private readonly jobId: string,
    private readonly total: { objects: number; bytes: number },
    private readonly emit: (e: JobEvent) => void,
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now()
    this.last.at = this.startedAt
  }

  /** More of the plan (its listing still going on): the totals grow with it. */
  planned(objects: number, bytes: number): void {
    this.total.objects += objects
    this.total.bytes += bytes
  }

  started(ids: readonly number[]): void {
    for (const id of ids) this.inFlight.add(id)
  }

  record(r: TaskResult): void {
    this.inFlight.delete(r.id)
    this.done.objects += 1
    this.done.bytes += r.outcome === 'failed' ? 0 : r.bytes
    this.done[r.outcome] += 1
    this.pending.push(r)
  }

  /** A service's own counts of tasks it ran, until their results are recorded (then cleared with undefined). */
  remoteProgress(p: { succeeded: number; failed: number } | undefined): void {
    this.remote = { synced: p?.succeeded ?? 0, failed: p?.failed ?? 0 }
  }

  /** What is done: recorded results plus a service's counts not yet recorded. */
  private current(): { objects: number; bytes: number; synced: number; skipped: number; failed: number } {
    const r = this.remote
    return { ...this.done, objects: this.done.objects + r.synced + r.failed, synced: this.done.synced + r.synced, failed: this.done.failed + r.failed }
  }

  /** Results known before any transfer (already at the destination) must not count as speed. */
  rebase(): void {
    const now = this.current()
    this.last = { at: this.now(), objects: now.objects, bytes: now.bytes }
  }

  start(): void {
    this.rebase()
    this.timer = setInterval(() => this.tick(), this.intervalMs)
  }

  /** Stops the clock and flushes what is left, so the last snapshot matches the report. */
  stop(): Snapshot {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    return this.tick()
  }

  tick(): Snapshot {
    const at = this.now()
    const dt = (at - this.last.at) / 1000
    const now = this.current()
    if (dt > 0) {
      this.instant = { bytes: (now.bytes - this.last.bytes) / dt, objects: (now.objects - this.last.objects) / dt }
      this.rate = { bytes: ewma(this.rate.bytes, this.instant.bytes, dt), objects: ewma(this.rate.objects, this.instant.objects, dt) }
      this.last = { at, objects: now.objects, bytes: now.bytes }
    }
    const snapshot = this.snapshot(at)
    if (this.pending.length > 0) {
      this.emit({ type: 'task-batch', jobId: this.jobId, results: this.pending })
      this.pending = []
    }
    this.emit({ type: 'snapshot', jobId: this.jobId, snapshot })
    return snapshot
  }

  snapshot(at = this.now()): Snapshot {
    const bytesPerSec = this.rate.bytes ?? 0
    const objectsPerSec = this.rate.objects ?? 0
    const done = this.current()
    const remaining = { objects: this.total.objects - done.objects, bytes: this.total.bytes - done.bytes }
    return {
      jobId: this.jobId,
      at,
      elapsedMs: at - this.startedAt,
      total: this.total,
      done,
      bytesPerSec,
      objectsPerSec,
      instantBytesPerSec: this.instant.bytes,
      instantObjectsPerSec: this.instant.objects,
      etaSeconds: etaSeconds(remaining, { bytesPerSec, objectsPerSec }),
      inFlight: this.inFlight.size,
      engine: this.engine,
    }
  }
}
