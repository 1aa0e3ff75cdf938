// Domain objects that cross a boundary (IPC, WebSocket, files). Types are z.infer of these.
import { z } from 'zod'

export const ENGINES = ['s5cmd', 'sdk-copy', 'sdk-stream', 'download', 'traditional', 'batch-operations'] as const
const engineSchema = z.enum(ENGINES)
export type Engine = z.infer<typeof engineSchema>

export const OUTCOMES = ['synced', 'skipped', 'failed'] as const
const outcomeSchema = z.enum(OUTCOMES)

/** Error classes of the report (spec §10.1.2 counters) plus the task-level ones. */
export const errorClassSchema = z.enum(['permission', 'network', 'not-found', 's5cmd', 'checksum', 'throttled', 'other'])
export type ErrorClass = z.infer<typeof errorClassSchema>

export const taskResultSchema = z.object({
  id: z.number().int().nonnegative(),
  outcome: outcomeSchema,
  engine: engineSchema.optional(),
  bytes: z.number().nonnegative(),
  /** Why it was skipped (already there) or why it failed. */
  reason: z.string().optional(),
  errorClass: errorClassSchema.optional(),
  attempts: z.number().int().nonnegative().optional(),
  /** The archive key, added to events so the task table can show and search it. */
  key: z.string().optional(),
  /** Hex SHA-256 of the landed bytes where the engine has it for free: hashed while downloading, or S3's ChecksumSHA256 of a checksummed copy (base64 → hex). The verifier compares it with the .CHECKSUM. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
})
export type TaskResult = z.infer<typeof taskResultSchema>

const JOB_STATES = ['planning', 'running', 'paused', 'cancelling', 'completed', 'failed', 'cancelled'] as const
export const jobStateSchema = z.enum(JOB_STATES)
export type JobState = z.infer<typeof jobStateSchema>

export const snapshotSchema = z.object({
  jobId: z.string(),
  at: z.number(),
  elapsedMs: z.number(),
  total: z.object({ objects: z.number(), bytes: z.number() }),
  done: z.object({ objects: z.number(), bytes: z.number(), synced: z.number(), skipped: z.number(), failed: z.number() }),
  /** Smoothed (EWMA) rates; `instant*` are the last window's. */
  bytesPerSec: z.number(),
  objectsPerSec: z.number(),
  instantBytesPerSec: z.number(),
  instantObjectsPerSec: z.number(),
  etaSeconds: z.number().nullable(),
  inFlight: z.number(),
  engine: engineSchema.nullable(),
})
export type Snapshot = z.infer<typeof snapshotSchema>

export const planSummarySchema = z.object({
  objects: z.number(),
  bytes: z.number(),
  toCopy: z.number(),
  toCopyBytes: z.number(),
  alreadyThere: z.number(),
  /** Objects at the destination that differ from the archive's current version (copied again). */
  changed: z.number(),
  /** Archive files left out by include/exclude patterns. */
  excluded: z.number(),
  /** Expected archive files (zips) that the source listing does not have. */
  missing: z.number(),
  missingKeys: z.array(z.string()),
  /** sync_mode "sync": destination objects in the selected folders that the archive no longer has. */
  extraneous: z.number(),
  extraneousKeys: z.array(z.string()),
  byDataset: z.array(z.object({ dataset: z.string(), symbol: z.string(), objects: z.number(), bytes: z.number(), missing: z.number() })),
  /** frequency auto: per closed month, whether its monthly file, its daily files, or neither is in the archive. */
  periodSources: z
    .object({
      monthly: z.number(),
      daily: z.number(),
      missing: z.number(),
      months: z.array(
        z.object({
          dataset: z.string(),
          symbol: z.string(),
          month: z.string(),
          from: z.enum(['monthly', 'daily', 'missing']),
          /** Daily keys of this month the archive lacks (all of them for a missing month). */
          missingKeys: z.array(z.string()),
        }),
      ),
      truncated: z.boolean(),
    })
    .optional(),
  /** Requests, cost and time; absent where no listing was made. */
  estimate: z
    .object({
      mode: z.enum(['server-side', 'stream', 'traditional', 'download', 'batch-operations']),
      requests: z.object({ list: z.number(), copy: z.number(), get: z.number(), put: z.number() }),
      costUsd: z.number(),
      seconds: z.number().nullable(),
      basis: z.string(),
    })
    .optional(),
})
export type PlanSummary = z.infer<typeof planSummarySchema>

const failureSchema = z.object({
  source_key: z.string(),
  destination_key: z.string(),
  error: z.string(),
  error_class: errorClassSchema,
})

/** The efficiency report. Spec names (§5.1.2, §10.1) for the spec's figures. */
/** One run of a job (the first, or a resume): what that run alone did. A killed run has no report of its own: its figures are what its journal lines say. */
const sessionFiguresSchema = z.object({
  started_at: z.string(),
  finished_at: z.string().nullable(),
  resumed: z.boolean(),
  /** Killed before it could write a report: batch, fallback and request figures unknown (0). */
  interrupted: z.boolean(),
  files_synced: z.number(),
  files_failed: z.number(),
  bytes_transferred: z.number(),
  batch_count: z.number(),
  average_batch_size: z.number(),
  fallback_count: z.number(),
  fallback_triggers: z.array(z.string()),
  requests_made: z.number().nullable(),
  traditional_requests: z.number().nullable(),
  bytes_through_host: z.number().nullable(),
  traditional_host_bytes: z.number().nullable(),
})
export type SessionFigures = z.infer<typeof sessionFiguresSchema>

/** What S3 Batch Operations did for a job: its id, end state, task counts and cost at the configured prices. */
const batchReportSchema = z.object({
  s3_job_id: z.string(),
  status: z.string(),
  tasks_total: z.number(),
  tasks_succeeded: z.number(),
  tasks_failed: z.number(),
  /** Objects over CopyObject's 5 GB that Batch Operations cannot copy: copied by the SDK's part copy instead. */
  routed_to_sdk: z.number(),
  /** s3://bucket/key of the completion report's manifest.json. */
  completion_report: z.string().nullable(),
  /** The time S3 spent copying (DescribeJob's ElapsedTimeInActiveSeconds): the report's own timing covers this machine's sessions only. */
  active_seconds: z.number().nullable(),
  cost_usd: z.object({ job: z.number(), objects: z.number(), copy_requests: z.number(), total: z.number() }),
})
export type BatchReport = z.infer<typeof batchReportSchema>

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  job_id: z.string(),
  status: jobStateSchema,
  started_at: z.string(),
  finished_at: z.string(),
  execution_time_seconds: z.number(),
  files_synced: z.number(),
  files_skipped: z.number(),
  files_failed: z.number(),
  /** Extraneous destination objects deleted (sync_mode "sync" with delete_extraneous only). */
  files_deleted: z.number(),
  total_files_processed: z.number(),
  files_planned: z.number(),
  bytes_transferred: z.number(),
  bytes_planned: z.number(),
  success_rate: z.string(),
  success_rate_percent: z.number(),
  operations_reduced: z.number(),
  network_transfer_reduction: z.string(),
  efficiency_improvement: z.string().nullable(),
  /** The measured figures behind operations_reduced, network_transfer_reduction and efficiency_improvement (absent in older reports). */
  requests_made: z.number().nullable().optional(),
  traditional_requests: z.number().nullable().optional(),
  bytes_through_host: z.number().nullable().optional(),
  efficiency_baseline_job: z.string().nullable().optional(),
  average_bytes_per_second: z.number(),
  average_files_per_second: z.number(),
  /** Peak resident memory of the process that ran the engines (null where unknown). */
  peak_rss_bytes: z.number().nullable(),
  mode_selected: z.enum(['direct_sync', 'traditional', 'mixed', 'none', 'batch_operations']),
  engines: z.record(z.string(), z.number()),
  fallback_count: z.number(),
  s5cmd_availability: z.boolean(),
  s5cmd_version: z.string().nullable(),
  batch_count: z.number(),
  average_batch_size: z.number(),
  configuration_errors: z.number(),
  s5cmd_errors: z.number(),
  s3_permission_errors: z.number(),
  network_errors: z.number(),
  fallback_triggers: z.array(z.string()),
  failures: z.array(failureSchema),
  /** Verification (DESIGN §7; absent in older reports): every object that landed, proved or not, and why not. */
  verify_level: z.string().optional(),
  files_verified: z.number().optional(),
  files_unverified: z.number().optional(),
  /** Landed but not what the archive publishes (checksum, ETag or size differs) or gone: counted as failed, never as synced. */
  files_checksum_mismatch: z.number().optional(),
  verification_methods: z.record(z.string(), z.number()).optional(),
  unverified_reasons: z.record(z.string(), z.number()).optional(),
  checksum_mismatches: z
    .array(z.object({ source_key: z.string(), destination_key: z.string(), method: z.string(), expected: z.string(), actual: z.string(), reason: z.string() }))
    .optional(),
  /** operation_mode batch_operations: the S3 Batch Operations job and what it cost (absent otherwise). */
  batch_operations: batchReportSchema.optional(),
  /** Runs of this job: 1, plus one per resume. */
  sessions: z.number().optional(),
  /** Each run's own figures, oldest first; the report's figures are the whole job's. */
  per_session: z.array(sessionFiguresSchema).optional(),
})
export type Report = z.infer<typeof reportSchema>
