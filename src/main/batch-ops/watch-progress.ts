// `batch status`: a Batch Operations job followed from its folder, in any process, on the same
// progress events as a running job (the aggregator's snapshots, fed DescribeJob's counts), so the
// terminal line and a monitor read it like any other job. Objects already at the destination
// count as done from the plan, as in the job itself.
import type { JobEvent } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { ProgressAggregator } from '../jobs/aggregator'
import { readJobMeta, resumeConfig } from '../jobs/job-store'
import { readPlan } from '../jobs/plan-store'
import { makeS3ControlClient } from '../s3/control-clients'
import type { BatchState } from './batch-store'
import { watchBatchJob } from './watch'

export interface WatchProgressInput {
  /** The job file given on the command line; else the job's saved config (keys masked: the default chain signs). */
  config?: JobConfig
  jobId: string
  dir: string
  state: BatchState
  signal?: AbortSignal
  once?: boolean
  onEvent(e: JobEvent): void
  delayMs?(attempt: number): number
}

export async function watchProgress(w: WatchProgressInput): Promise<BatchState> {
  const config = w.config ?? resumeConfig(w.jobId, (await readJobMeta(w.dir, w.jobId)).config)
  const plan = await readPlan(w.dir, { jobId: w.jobId, configHash: w.state.configHash })
  const agg = new ProgressAggregator(w.jobId, { objects: plan.summary.objects, bytes: plan.summary.bytes }, w.onEvent)
  for (const t of plan.tasks) if (t.skip) agg.record({ id: t.id, outcome: 'skipped', bytes: t.size, reason: t.skip })
  agg.rebase()
  agg.engine = 'batch-operations'
  w.onEvent({ type: 'state', jobId: w.jobId, state: 'running', message: `S3 Batch Operations job ${w.state.s3JobId ?? '(not created)'}` })
  if (!w.state.s3JobId) return w.state
  const client = makeS3ControlClient(config)
  let status = ''
  try {
    return await watchBatchJob({
      client,
      dir: w.dir,
      state: w.state,
      signal: w.signal,
      once: w.once,
      delayMs: w.delayMs,
      onRetry: (message) => w.onEvent({ type: 'log', jobId: w.jobId, level: 'warn', message }),
      onStatus: (s) => {
        if (s.status !== status) w.onEvent({ type: 'log', jobId: w.jobId, level: 'info', message: `S3 Batch Operations job ${w.state.s3JobId}: ${s.status}${s.reason ? ` (${s.reason})` : ''}` })
        status = s.status
        agg.remoteProgress(s.progress)
        agg.tick()
      },
    })
  } finally {
    client.destroy()
  }
}
