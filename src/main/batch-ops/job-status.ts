// UpdateJobStatus for a job handed to S3 Batch Operations: confirm one that waits in Suspended
// (confirmation_required), or cancel one. Only these two transitions are the user's (S3 user
// guide, "Updating job status": Suspended → Ready, and any unfinished job → Cancelled).
import { UpdateJobStatusCommand } from '@aws-sdk/client-s3-control'
import type { JobConfig } from '../../shared/config/validate'
import { makeS3ControlClient } from '../s3/control-clients'
import { updateBatchState, type BatchState } from './batch-store'

export async function requestJobStatus(config: JobConfig, dir: string, state: BatchState, requested: 'Ready' | 'Cancelled', reason: string): Promise<BatchState> {
  if (!state.s3JobId) throw new Error('this job has no S3 Batch Operations job yet: submit it first')
  const client = makeS3ControlClient(config)
  try {
    const out = await client.send(new UpdateJobStatusCommand({ AccountId: state.accountId, JobId: state.s3JobId, RequestedJobStatus: requested, StatusUpdateReason: reason }))
    return await updateBatchState(dir, state, { status: out.Status ?? state.status, statusReason: out.StatusUpdateReason ?? reason })
  } finally {
    client.destroy()
  }
}
