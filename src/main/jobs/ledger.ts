// The whole job's tally, across sessions: each task's last outcome and verification, from which the
// report is counted. A resume loads the journal into it first, so the final report covers every
// task whichever session finished it; a checksum mismatch turns a "synced" into a failure.
import type { ErrorClass, Report, TaskResult } from '../../shared/contract'
import type { VerifyOutcome } from '../../shared/journal'
import type { PlannedTask } from '../../shared/plan'

const BAD: ReadonlySet<VerifyOutcome['status']> = new Set(['mismatch', 'missing'])

export class JobLedger {
  private readonly results = new Map<number, TaskResult>()
  private readonly checks = new Map<number, VerifyOutcome>()

  constructor(private readonly tasks: readonly PlannedTask[]) {}

  record(r: TaskResult): void {
    this.results.set(r.id, r)
    // A new transfer outcome supersedes the proof of the previous copy.
    this.checks.delete(r.id)
  }

  verified(o: VerifyOutcome): void {
    this.checks.set(o.id, o)
  }

  /** Finished for good: landed (synced or already there) and not disproved. Never redone on resume. */
  isDone(id: number): boolean {
    const r = this.results.get(id)
    const c = this.checks.get(id)
    return r !== undefined && r.outcome !== 'failed' && !(c && BAD.has(c.status))
  }

  /** Landed and still waiting for its proof. */
  awaitsProof(id: number): boolean {
    return this.isDone(id) && !this.checks.has(id)
  }

  unverified(): PlannedTask[] {
    return this.tasks.filter((t) => this.awaitsProof(t.id))
  }

  result(id: number): TaskResult | undefined {
    return this.results.get(id)
  }

  counts() {
    const c = { synced: 0, skipped: 0, failed: 0, bytes: 0, engines: {} as Record<string, number>, errorsByClass: {} as Partial<Record<ErrorClass, number>> }
    const failures: Report['failures'] = []
    const fail = (t: PlannedTask, cls: ErrorClass, error: string) => {
      c.failed += 1
      c.errorsByClass[cls] = (c.errorsByClass[cls] ?? 0) + 1
      failures.push({ source_key: t.sourceKey, destination_key: t.destKey, error, error_class: cls })
    }
    for (const t of this.tasks) {
      const r = this.results.get(t.id)
      if (!r) continue
      const bad = this.checks.get(t.id)
      if (r.outcome === 'failed') fail(t, r.errorClass ?? 'other', r.reason ?? 'failed')
      else if (bad && BAD.has(bad.status)) fail(t, 'checksum', describeBad(bad))
      else {
        c[r.outcome] += 1
        if (r.outcome === 'synced') {
          c.bytes += r.bytes
          if (r.engine) c.engines[r.engine] = (c.engines[r.engine] ?? 0) + 1
        }
      }
    }
    return { ...c, failures }
  }

  /** The report's verification fields. */
  verification(level: string): Partial<Report> {
    const methods: Record<string, number> = {}
    const reasons: Record<string, number> = {}
    const mismatches: NonNullable<Report['checksum_mismatches']> = []
    let verified = 0
    let unverified = 0
    for (const t of this.tasks) {
      if (!this.results.has(t.id) || this.results.get(t.id)!.outcome === 'failed') continue
      const c = this.checks.get(t.id)
      if (c?.status === 'verified') {
        verified += 1
        methods[c.method ?? 'unknown'] = (methods[c.method ?? 'unknown'] ?? 0) + 1
      } else if (c && BAD.has(c.status)) {
        mismatches.push({ source_key: t.sourceKey, destination_key: t.destKey, method: c.method ?? c.status, expected: c.expected ?? '', actual: c.actual ?? '', reason: describeBad(c) })
      } else {
        unverified += 1
        const why = c?.reason ?? 'not verified yet (the job stopped first; resume verifies it)'
        reasons[why] = (reasons[why] ?? 0) + 1
      }
    }
    return {
      verify_level: level,
      files_verified: verified,
      files_unverified: unverified,
      files_checksum_mismatch: mismatches.length,
      verification_methods: methods,
      unverified_reasons: reasons,
      checksum_mismatches: mismatches,
    }
  }
}

function describeBad(c: VerifyOutcome): string {
  if (c.status === 'missing') return `missing at the destination after the copy: ${c.reason ?? ''}`.trim()
  return `${c.reason ?? 'checksum mismatch'} (${c.method}): archive ${c.expected ?? '?'}, destination ${c.actual ?? '?'}`
}
