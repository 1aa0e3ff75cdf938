// Before any copy: the job's journal is opened and its plan is on its way. A plan listed now
// streams: the journal comes first, the planned tasks go to the engine as folders are listed, and
// the whole plan is persisted once complete. A previewed plan is persisted before the journal; a
// resumed job continues from the plan and journal the resume already read and checked, or, when
// it was stopped while its plan was still listed, plans again.
import { join } from 'node:path'
import { AppError } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { planConfig, type PlanContext, type PlanWithStats } from '../plan/make-plan'
import { hashConfig, Journal, type JournalState } from './journal'
import { writePlan } from './plan-store'

export const JOURNAL_FILE = 'journal.ndjson'

export interface PreparedJob {
  journal: Journal
  /** The whole plan, persisted before it resolves. */
  plan: Promise<PlanWithStats>
  /** What earlier sessions journaled (resume only). */
  prior?: JournalState
}

/**
 * A resumed job's persisted plan and journal, read and checked against its id and config hash.
 * No plan: the job stopped while listing it; the journal then holds each result's key.
 */
export interface ResumedJob {
  plan?: PlanWithStats
  prior: JournalState
}

export async function prepareJob(run: { jobId: string; config: JobConfig; dir: string; signal: AbortSignal; plan?: () => Promise<PlanWithStats>; resumed?: ResumedJob; onTasks?: PlanContext['onTasks'] }): Promise<PreparedJob> {
  const { jobId, config, dir, signal } = run
  const meta = { jobId, configHash: hashConfig(config) }
  const path = join(dir, JOURNAL_FILE)
  const persisted = (plan: PlanWithStats) => writePlan(dir, meta, plan).then(() => plan)
  if (run.resumed) {
    const { prior } = run.resumed
    const journal = await Journal.reopen(path, prior.validBytes)
    const plan = run.resumed.plan ? Promise.resolve(run.resumed.plan) : planConfig(config, { signal }).then((p) => persisted(sameTasks(p, prior, path)))
    return { plan, prior, journal }
  }
  const header = { ...meta, createdAt: new Date().toISOString() }
  if (run.plan) {
    // The plan first: a journal without its plan would be listed again on resume.
    const plan = await persisted(await run.plan())
    return { plan: Promise.resolve(plan), journal: await Journal.create(path, header) }
  }
  const journal = await Journal.create(path, header)
  return { plan: planConfig(config, { signal, onTasks: run.onTasks }).then(persisted), journal }
}

/**
 * A plan made again for a job stopped while listing its first one: its ids are the plan order, so
 * the same listing gives every journaled task the same id. A listing that changed since (a file
 * the archive added or replaced, another day) could give a journaled id to another object:
 * refused, with what to do.
 */
function sameTasks(plan: PlanWithStats, prior: JournalState, path: string): PlanWithStats {
  for (const [id, key] of prior.keys ?? [])
    if (plan.tasks[id]?.sourceKey !== key)
      throw new AppError(
        'PLAN_CHANGED',
        `The job stopped while listing its plan, and the listing has changed since: ${path} names ${key} as task ${id}, the new plan ${plan.tasks[id]?.sourceKey ?? 'has no such task'}. Run the job again as a new job: what it copied is at the destination, and enable_incremental skips it`,
      )
  return plan
}
