// Follows a Batch Operations job with DescribeJob until it ends: a few seconds apart while its
// counts move, backing off to 30 s while they do not (a job of billions of objects runs for
// hours; S3 updates ProgressSummary as tasks finish). Each answer is written to batch.json and
// handed to the caller, which turns it into the job's usual progress events.
import { setTimeout as sleep } from 'node:timers/promises'
import { DescribeJobCommand, type JobDescriptor, type S3ControlClient } from '@aws-sdk/client-s3-control'
import { BATCH_POLL_BACKOFF, backoffDelay } from '../../shared/backoff'
import { classifyError, describeError } from '../s3/errors'
import { TERMINAL_STATUSES, updateBatchState, type BatchProgress, type BatchState } from './batch-store'

export interface WatchInput {
  client: S3ControlClient
  dir: string
  state: BatchState
  signal?: AbortSignal
  onStatus(job: { status: string; progress: BatchProgress; reason?: string }): void
  /** A DescribeJob that failed and will be tried again. */
  onRetry?(message: string): void
  /** One DescribeJob, not a watch. */
  once?: boolean
  /** Delay before poll `attempt` while nothing moved; default the BATCH_POLL_BACKOFF formula. */
  delayMs?(attempt: number): number
}

function progressOf(job: JobDescriptor): BatchProgress {
  const p = job.ProgressSummary
  const active = p?.Timers?.ElapsedTimeInActiveSeconds
  return { total: p?.TotalNumberOfTasks ?? 0, succeeded: p?.NumberOfTasksSucceeded ?? 0, failed: p?.NumberOfTasksFailed ?? 0, ...(active === undefined ? {} : { activeSeconds: active }) }
}

const failureText = (job: JobDescriptor): string[] => (job.FailureReasons ?? []).map((f) => [f.FailureCode, f.FailureReason].filter(Boolean).join(': '))

/**
 * A watch runs for hours: a network blip, throttling, or a job S3 does not list yet (just created)
 * is waited out, this many polls in a row (the backoff reaches 30 s: several minutes in all),
 * before the watch gives up. The job goes on either way; `batch status` picks it up again.
 */
const PATIENCE = 10
const PASSING = new Set(['network', 'throttled', 'not-found'])

/** Polls until the job is Complete, Failed or Cancelled; returns the last state written. A cancelled signal stops the watch, not the job. */
export async function watchBatchJob(w: WatchInput): Promise<BatchState> {
  let state = w.state
  if (!state.s3JobId) return state
  const delay = w.delayMs ?? ((n: number) => backoffDelay(n, BATCH_POLL_BACKOFF))
  let still = 0
  let failures = 0
  let last = ''
  for (;;) {
    let out
    try {
      out = await w.client.send(new DescribeJobCommand({ AccountId: state.accountId, JobId: state.s3JobId }), { abortSignal: w.signal })
      failures = 0
    } catch (err) {
      if (w.signal?.aborted || !PASSING.has(classifyError(err)) || ++failures > PATIENCE || w.once) throw err
      w.onRetry?.(`DescribeJob ${state.s3JobId} failed (${describeError(err)}); trying again (${failures} of ${PATIENCE})`)
      await sleep(delay(failures), undefined, { signal: w.signal })
      continue
    }
    const job = out.Job ?? {}
    const status = job.Status ?? 'Unknown'
    const progress = progressOf(job)
    const seen = `${status} ${progress.succeeded} ${progress.failed}`
    state = await updateBatchState(w.dir, state, { status, progress, statusReason: job.StatusUpdateReason, failureReasons: failureText(job) })
    w.onStatus({ status, progress, reason: job.StatusUpdateReason })
    if (TERMINAL_STATUSES.has(status) || w.once) return state
    still = seen === last ? still + 1 : 0
    last = seen
    await sleep(delay(still), undefined, { signal: w.signal })
  }
}
