// batch.json, the S3 Batch Operations side of a job's folder: the S3 Control job id, the client
// request token, the uploaded manifest and its ETag, the phase, and the last status S3 gave. This
// module is its only reader and writer (batchStateSchema, with schemaVersion). A job outlives the
// process that submitted it: `batch status`, `batch import` and a reopened app read it from here.
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { parseStored } from '../stored-json'

const BATCH_FILE = 'batch.json'

/** planned → manifest uploaded → submitted (S3 has a job id) → imported (per-task results journaled). */
const BATCH_PHASES = ['planned', 'manifest-uploaded', 'submitted', 'imported'] as const

const progressSchema = z.object({
  total: z.number().int().nonnegative(),
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** ProgressSummary.Timers.ElapsedTimeInActiveSeconds: how long S3 has spent copying. */
  activeSeconds: z.number().nonnegative().optional(),
})
export type BatchProgress = z.infer<typeof progressSchema>

const batchStateSchema = z.object({
  schemaVersion: z.literal(1),
  jobId: z.string().min(1),
  /** The job's config hash: a submit of the same configuration finds this job again. */
  configHash: z.string().min(1),
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string().min(1),
  clientRequestToken: z.string().min(1).max(64),
  manifest: z.object({ bucket: z.string(), key: z.string(), etag: z.string().optional(), objects: z.number().int().nonnegative() }),
  /** Plan task ids over CopyObject's 5 GB, copied by the SDK's part copy instead. */
  sdkTaskIds: z.array(z.number().int().nonnegative()),
  phase: z.enum(BATCH_PHASES),
  s3JobId: z.string().optional(),
  /** DescribeJob's Status (New, Preparing, Suspended, Ready, Active, Complete, Failed, Cancelled, ...). */
  status: z.string().optional(),
  statusReason: z.string().optional(),
  failureReasons: z.array(z.string()).default([]),
  progress: progressSchema.optional(),
  submittedAt: z.string().optional(),
  updatedAt: z.string(),
})
export type BatchState = z.infer<typeof batchStateSchema>

/** DescribeJob statuses after which the job does nothing more (S3 user guide, "Job statuses"). */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['Complete', 'Failed', 'Cancelled'])

/** Write then rename: a crash mid-write leaves the previous state, never half of one. */
export async function writeBatchState(dir: string, state: Omit<BatchState, 'updatedAt'>): Promise<BatchState> {
  const full: BatchState = { ...state, updatedAt: new Date().toISOString() }
  const path = join(dir, BATCH_FILE)
  await writeFile(`${path}.tmp`, JSON.stringify(batchStateSchema.parse(full), null, 2))
  await rename(`${path}.tmp`, path)
  return full
}

/** The job's Batch Operations state, or null when it was never handed to S3 Batch Operations; BATCH_CORRUPT if it does not parse. */
export async function readBatchState(dir: string): Promise<BatchState | null> {
  const path = join(dir, BATCH_FILE)
  const text = await readFile(path, 'utf8').catch(() => null)
  if (text === null) return null
  return parseStored(path, text, batchStateSchema, { code: 'BATCH_CORRUPT', what: 'a Batch Operations state file', fix: 'the S3 job id is also in the S3 console (Batch Operations); delete the file only if that job is gone' })
}

/** Merge and write: every change of phase or status goes through here. */
export async function updateBatchState(dir: string, state: BatchState, change: Partial<Omit<BatchState, 'schemaVersion' | 'jobId' | 'updatedAt'>>): Promise<BatchState> {
  return writeBatchState(dir, { ...state, ...change })
}
