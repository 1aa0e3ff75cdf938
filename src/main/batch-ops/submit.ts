// Hands a job's plan to S3 Batch Operations, idempotently: the manifest is uploaded to the report
// bucket, then CreateJob is sent with a token derived from the job id. Each step is written to
// batch.json before the next, so a submit that died anywhere is finished by the next one without a
// second job: S3 answers a CreateJob whose token it has seen with the job it made
// (S3 Control API reference, CreateJob: ClientRequestToken).
import { createHash } from 'node:crypto'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { CreateJobCommand, type CreateJobCommandInput } from '@aws-sdk/client-s3-control'
import type { JobConfig } from '../../shared/config/validate'
import { COPY_OBJECT_LIMIT } from '../engines/part-copy'
import { manifestCsvOf } from '../plan/export-plan'
import { destinationEndpoint, makeS3Client } from '../s3/clients'
import { makeS3ControlClient } from '../s3/control-clients'
import { readBatchState, updateBatchState, writeBatchState, type BatchState } from './batch-store'
import { clientRequestToken, createJobInput, manifestKey } from './create-job-input'

interface Task {
  id: number
  sourceKey: string
  size: number
}

export interface SubmitJob {
  config: JobConfig
  jobId: string
  label: string
  dir: string
  configHash: string
  /** The tasks still to copy. */
  tasks: readonly Task[]
  signal?: AbortSignal
  log(level: 'info' | 'warn', message: string): void
  /** Largest object Batch Operations is given; default CopyObject's 5 GiB (a test lowers it to route small objects). */
  copyLimit?: number
}

/** Batch Operations copies objects of at most 5 GB ("Copy objects", S3 user guide): the rest go to the SDK's part copy. */
export function splitForBatch<T extends { size: number }>(tasks: readonly T[], limit = COPY_OBJECT_LIMIT): { batch: T[]; partCopy: T[] } {
  const batch: T[] = []
  const partCopy: T[] = []
  for (const t of tasks) (t.size > limit ? partCopy : batch).push(t)
  return { batch, partCopy }
}

/** The manifest and the CreateJob input for tasks, without a request: the ETag is the body's MD5, which S3 gives a single-part PUT without SSE-KMS. */
export function plannedSubmission(config: JobConfig, jobId: string, label: string, tasks: readonly Task[], copyLimit = COPY_OBJECT_LIMIT): { csv: string; input: CreateJobCommandInput; partCopy: Task[]; objects: number } {
  const { batch, partCopy } = splitForBatch(tasks, copyLimit)
  const csv = manifestCsvOf(config.source.bucket, batch)
  const b = config.batch_operations!
  const etag = createHash('md5').update(csv).digest('hex')
  return { csv, input: createJobInput(config, jobId, label, { bucket: b.report_bucket!, key: manifestKey(b.report_prefix, jobId), etag }), partCopy, objects: batch.length }
}

/** The job's batch.json after a submit: with an S3 job id, unless Batch Operations has nothing to copy. */
export async function ensureSubmitted(j: SubmitJob): Promise<BatchState> {
  const { config, jobId, dir } = j
  const b = config.batch_operations!
  let state = await readBatchState(dir)
  if (state?.s3JobId) return state
  const planned = plannedSubmission(config, jobId, j.label, j.tasks, j.copyLimit)
  state ??= await writeBatchState(dir, {
    schemaVersion: 1,
    jobId,
    configHash: j.configHash,
    accountId: b.account_id!,
    region: config.s3_config.region,
    clientRequestToken: clientRequestToken(jobId),
    manifest: { bucket: b.report_bucket!, key: manifestKey(b.report_prefix, jobId), objects: planned.objects },
    sdkTaskIds: planned.partCopy.map((t) => t.id),
    phase: 'planned',
    failureReasons: [],
  })
  if (planned.partCopy.length > 0) j.log('info', `${planned.partCopy.length} objects are over 5 GB, which Batch Operations does not copy: the SDK's part copy copies them`)
  if (state.manifest.objects === 0) return state
  if (state.phase === 'planned') {
    const s3 = makeS3Client({ ...destinationEndpoint(config), bucket: state.manifest.bucket })
    try {
      const put = await s3.send(new PutObjectCommand({ Bucket: state.manifest.bucket, Key: state.manifest.key, Body: planned.csv, ContentType: 'text/csv' }), { abortSignal: j.signal })
      if (!put.ETag) throw new Error(`the upload of s3://${state.manifest.bucket}/${state.manifest.key} returned no ETag`)
      state = await updateBatchState(dir, state, { phase: 'manifest-uploaded', manifest: { ...state.manifest, etag: put.ETag } })
      j.log('info', `Manifest of ${state.manifest.objects} objects uploaded to s3://${state.manifest.bucket}/${state.manifest.key}`)
    } finally {
      s3.destroy()
    }
  }
  const control = makeS3ControlClient(config)
  try {
    const input = createJobInput(config, jobId, j.label, { bucket: state.manifest.bucket, key: state.manifest.key, etag: state.manifest.etag! })
    const out = await control.send(new CreateJobCommand(input), { abortSignal: j.signal })
    if (!out.JobId) throw new Error('CreateJob returned no JobId')
    state = await updateBatchState(dir, state, { phase: 'submitted', s3JobId: out.JobId, status: 'New', submittedAt: new Date().toISOString() })
    j.log('info', `S3 Batch Operations job ${out.JobId} created in ${config.s3_config.region} (account ${state.accountId}, token ${state.clientRequestToken})`)
    return state
  } finally {
    control.destroy()
  }
}
