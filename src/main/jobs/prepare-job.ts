// Before any copy: a fresh job lists and plans, then persists the plan and starts its journal; a
// resumed job reads both back (no listing) and checks they are this job's, under this config.
import { join } from 'node:path'
import type { JobConfig } from '../../shared/config/validate'
import { makePlan, type PlanWithStats } from '../plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { hashConfig, Journal, readJournal, type JournalState } from './journal'
import { readPlan, writePlan } from './plan-store'

export const JOURNAL_FILE = 'journal.ndjson'

export interface PreparedJob {
  plan: PlanWithStats
  journal: Journal
  /** What earlier sessions journaled (resume only). */
  prior?: JournalState
}

export async function prepareJob(run: { jobId: string; config: JobConfig; dir: string; signal: AbortSignal; resume?: boolean }): Promise<PreparedJob> {
  const { jobId, config, dir } = run
  const configHash = hashConfig(config)
  const path = join(dir, JOURNAL_FILE)
  if (run.resume) {
    const plan = await readPlan(dir, { jobId, configHash })
    const prior = await readJournal(path, { jobId, configHash })
    return { plan, prior, journal: await Journal.reopen(path, prior.validBytes) }
  }
  const srcClient = makeS3Client(sourceEndpoint(config))
  const dstClient = config.output_directory ? undefined : makeS3Client(destinationEndpoint(config))
  const plan = await makePlan(config, { source: srcClient, destination: dstClient, signal: run.signal }).finally(() => {
    srcClient.destroy()
    dstClient?.destroy()
  })
  // The plan first: a journal without its plan could not be resumed.
  await writePlan(dir, { jobId, configHash }, plan)
  const journal = await Journal.create(path, { jobId, configHash, createdAt: new Date().toISOString() })
  return { plan, journal }
}
