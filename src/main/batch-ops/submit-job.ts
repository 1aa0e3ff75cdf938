// `batch submit` as a job of the data folder: the job's folder, plan and journal as for any job,
// then the hand-over to S3 Batch Operations (submit.ts), and nothing more: S3 runs the copies,
// `batch status` follows them and `batch import` (a resume of this job) takes the results in.
// A second submit of the same configuration finds the job it made and finishes its hand-over
// instead of making another.
import { AppError } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { jobLabel } from '../../shared/plan'
import { lockDestination, lockJobFolder } from '../jobs/job-lock'
import { createJobFolder, jobFolder, listJobIds } from '../jobs/job-store'
import { hashConfig } from '../jobs/journal'
import { readPlan } from '../jobs/plan-store'
import { prepareJob } from '../jobs/prepare-job'
import { readReport } from '../jobs/report-store'
import { readBatchState, type BatchState } from './batch-store'
import { ensureSubmitted } from './submit'

export interface SubmittedJob {
  jobId: string
  dir: string
  state: BatchState
  /** True when an earlier submit of this configuration had made the job. */
  existing: boolean
}

/** The newest job of this configuration handed to Batch Operations and not finished (imported, or ended with a report). */
export async function findBatchJob(dataDir: string, configHash: string): Promise<{ jobId: string; dir: string; state: BatchState } | undefined> {
  const ids = (await listJobIds(dataDir)).sort().reverse()
  for (const jobId of ids) {
    const dir = jobFolder(dataDir, jobId)
    const state = await readBatchState(dir).catch(() => null)
    if (!state || state.configHash !== configHash || state.phase === 'imported') continue
    // A job with nothing for Batch Operations never reaches "imported": its report says it ended.
    if (await readReport(dir).catch(() => null)) continue
    return { jobId, dir, state }
  }
  return undefined
}

/** A job by id, or the configuration's open batch job; BATCH_JOB_NOT_FOUND when there is neither. */
export async function locateBatchJob(dataDir: string, jobId: string | undefined, config: JobConfig | undefined): Promise<{ jobId: string; dir: string; state: BatchState }> {
  if (jobId) {
    const dir = jobFolder(dataDir, jobId)
    const state = await readBatchState(dir)
    if (!state) throw new AppError('BATCH_JOB_NOT_FOUND', `Job ${jobId} was not handed to S3 Batch Operations (no ${dir}/batch.json)`)
    return { jobId, dir, state }
  }
  if (!config) throw new AppError('BATCH_JOB_NOT_FOUND', 'Give the job: --config job.json (its open Batch Operations job) or its job id')
  const found = await findBatchJob(dataDir, hashConfig(config))
  if (!found) throw new AppError('BATCH_JOB_NOT_FOUND', `No Batch Operations job of this configuration waits under ${dataDir}/jobs: submit it first (archive-sync batch submit --config …)`)
  return found
}

export async function submitBatchJob(dataDir: string, config: JobConfig, log: (level: 'info' | 'warn', message: string) => void, signal?: AbortSignal): Promise<SubmittedJob> {
  const configHash = hashConfig(config)
  const label = jobLabel(config)
  const open = await findBatchJob(dataDir, configHash)
  if (open) {
    const folder = await lockJobFolder(open.dir, open.jobId)
    try {
      const plan = await readPlan(open.dir, { jobId: open.jobId, configHash })
      const state = await ensureSubmitted({ config, jobId: open.jobId, label, dir: open.dir, configHash, tasks: plan.tasks.filter((t) => !t.skip), signal, log })
      return { jobId: open.jobId, dir: open.dir, state, existing: true }
    } finally {
      await folder.release()
    }
  }
  const { jobId, dir } = await createJobFolder(dataDir, label, config)
  const folder = await lockJobFolder(dir, jobId)
  try {
    const dest = await lockDestination(dataDir, config, configHash, jobId)
    try {
      const prepared = await prepareJob({ jobId, config, dir, signal: signal ?? new AbortController().signal })
      const plan = await prepared.plan.finally(() => prepared.journal.close())
      const state = await ensureSubmitted({ config, jobId, label, dir, configHash, tasks: plan.tasks.filter((t) => !t.skip), signal, log })
      return { jobId, dir, state, existing: false }
    } finally {
      await dest.release()
    }
  } finally {
    await folder.release()
  }
}
