// Per-task results of the followed job, compact enough for 100,000+ rows: columns in typed
// arrays, repeated strings (reasons) interned once. Rows are indexed by task id, so a result
// delivered twice (a replay after reconnecting) overwrites instead of duplicating.
import { ENGINES, OUTCOMES, errorClassSchema, type ErrorClass, type TaskResult } from '../../../shared/contract'

const ERROR_CLASSES = errorClassSchema.options
export type TaskFilter = 'all' | 'failed' | 'skipped' | 'mismatch'

/** A view of one row, built only for rows on screen. */
export interface TaskRow {
  id: number
  outcome: TaskResult['outcome']
  engine: string
  bytes: number
  errorClass: ErrorClass | null
  reason: string
  /** The archive key ('' for results that came without one). */
  key: string
}

const MAX_REASONS = 10_000
const NONE = 255

export class TaskTable {
  private ids = new Int32Array(1024)
  private outcome = new Uint8Array(1024)
  private engine = new Uint8Array(1024)
  private errorClass = new Uint8Array(1024)
  private reason = new Int32Array(1024)
  private bytes = new Float64Array(1024)
  private keys: string[] = []
  /** task id → row + 1 (0: not seen). Grows with the largest id. */
  private rowOfId = new Int32Array(1024)
  private reasons: string[] = ['']
  private reasonIndex = new Map<string, number>([['', 0]])
  size = 0
  /** Bumped on every change: cheap memo key for filters. */
  version = 0

  add(results: readonly TaskResult[]): void {
    for (const r of results) {
      if (r.id >= this.rowOfId.length) this.rowOfId = grow(this.rowOfId, r.id + 1)
      let row = this.rowOfId[r.id] - 1
      if (row < 0) {
        if (this.size === this.ids.length) this.growRows()
        row = this.size++
        this.rowOfId[r.id] = row + 1
      }
      this.ids[row] = r.id
      this.outcome[row] = OUTCOMES.indexOf(r.outcome)
      this.engine[row] = r.engine ? ENGINES.indexOf(r.engine) : NONE
      this.errorClass[row] = r.errorClass ? ERROR_CLASSES.indexOf(r.errorClass) : NONE
      this.reason[row] = this.intern(r.reason ?? '')
      this.bytes[row] = r.bytes
      if (r.key !== undefined) this.keys[row] = r.key
    }
    if (results.length > 0) this.version += 1
  }

  private intern(s: string): number {
    const hit = this.reasonIndex.get(s)
    if (hit !== undefined) return hit
    // Distinct reasons are bounded; past the cap, new texts share one placeholder.
    if (this.reasons.length >= MAX_REASONS) return this.intern('(more distinct messages than shown)')
    this.reasons.push(s)
    this.reasonIndex.set(s, this.reasons.length - 1)
    return this.reasons.length - 1
  }

  private growRows(): void {
    const n = this.ids.length * 2
    this.ids = grow(this.ids, n)
    this.outcome = grow(this.outcome, n)
    this.engine = grow(this.engine, n)
    this.errorClass = grow(this.errorClass, n)
    this.reason = grow(this.reason, n)
    this.bytes = grow(this.bytes, n)
  }

  row(i: number): TaskRow {
    const e = this.engine[i]
    const c = this.errorClass[i]
    return {
      id: this.ids[i],
      outcome: OUTCOMES[this.outcome[i]],
      engine: e === NONE ? '' : ENGINES[e],
      bytes: this.bytes[i],
      errorClass: c === NONE ? null : ERROR_CLASSES[c],
      reason: this.reasons[this.reason[i]],
      key: this.keys[i] ?? '',
    }
  }

  /** Row numbers matching a filter and a search (task id, part of the key, or words of the reason). */
  select(filter: TaskFilter, search: string): Int32Array {
    const failed = OUTCOMES.indexOf('failed')
    const skipped = OUTCOMES.indexOf('skipped')
    const checksum = ERROR_CLASSES.indexOf('checksum')
    const q = search.trim().toLowerCase()
    // Match each distinct reason once, not once per row.
    const reasonHit = q ? this.reasons.map((s) => s.toLowerCase().includes(q)) : null
    const out = new Int32Array(this.size)
    let n = 0
    for (let i = 0; i < this.size; i += 1) {
      const o = this.outcome[i]
      if (filter === 'failed' && o !== failed) continue
      if (filter === 'skipped' && o !== skipped) continue
      if (filter === 'mismatch' && this.errorClass[i] !== checksum) continue
      if (reasonHit && !reasonHit[this.reason[i]] && String(this.ids[i]) !== q && !(this.keys[i] ?? '').toLowerCase().includes(q)) continue
      out[n++] = i
    }
    return out.subarray(0, n)
  }

  /** Failures as class + message, for the error panel. */
  *failures(): Generator<{ errorClass: ErrorClass; message: string }> {
    const failed = OUTCOMES.indexOf('failed')
    for (let i = 0; i < this.size; i += 1)
      if (this.outcome[i] === failed) yield { errorClass: this.errorClass[i] === NONE ? 'other' : ERROR_CLASSES[this.errorClass[i]], message: this.reasons[this.reason[i]] }
  }
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, min: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2))
  next.set(a)
  return next
}
