// Before any copy: a fresh job awaits its plan (a previewed one, or one listing), persists it and
// starts its journal; a resumed job continues from the plan and journal the resume already read
// and checked (no listing, no second read).
import { join } from 'node:path'
import type { JobConfig } from '../../shared/config/validate'
import { planConfig, type PlanWithStats } from '../plan/make-plan'
import { hashConfig, Journal, type JournalState } from './journal'
import { writePlan } from './plan-store'

export const JOURNAL_FILE = 'journal.ndjson'

export interface PreparedJob {
  plan: PlanWithStats
  journal: Journal
  /** What earlier sessions journaled (resume only). */
  prior?: JournalState
}

/** A resumed job's persisted plan and journal, read and checked against its id and config hash. */
export interface ResumedJob {
  plan: PlanWithStats
  prior: JournalState
}

export async function prepareJob(run: { jobId: string; config: JobConfig; dir: string; signal: AbortSignal; plan?: () => Promise<PlanWithStats>; resumed?: ResumedJob }): Promise<PreparedJob> {
  const { jobId, config, dir } = run
  const path = join(dir, JOURNAL_FILE)
  if (run.resumed) {
    const { plan, prior } = run.resumed
    return { plan, prior, journal: await Journal.reopen(path, prior.validBytes) }
  }
  const plan = await (run.plan ? run.plan() : planConfig(config, { signal: run.signal }))
  // The plan first: a journal without its plan could not be resumed.
  await writePlan(dir, { jobId, configHash: hashConfig(config) }, plan)
  const journal = await Journal.create(path, { jobId, configHash: hashConfig(config), createdAt: new Date().toISOString() })
  return { plan, journal }
}
