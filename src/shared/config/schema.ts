// The job file: the spec's JSON format (§3.1.1, §6.1) plus our additive extensions (DESIGN §5).
// Shapes and defaults only; cross-field rules live in validate.ts.
import { z } from 'zod'
import { stripUserinfo } from './endpoint'

const nameList = z.array(z.string().min(1))
/** A list, or a map keyed by market (symbols, data_types) or by data type (intervals). */
const listOrMap = z.union([nameList, z.record(z.string(), nameList)])

const int = (min: number, max: number, dflt: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(dflt)

/** Userinfo is dropped on parse, so it is never shown, logged or written to job.json. */
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform(stripUserinfo)

export const performanceSchema = z.object({
  max_concurrent: int(1, 50, 10),
  batch_size: int(1, 1000, 100),
  part_size_mb: int(1, 1000, 50),
  retry_count: int(1, 10, 3),
  /** How long the SDK engines wait out an unreachable endpoint before the job stops (extension). */
  outage_patience_seconds: int(0, 3600, 120),
})

export const s3ConfigSchema = z.object({
  endpoint_url: url.optional(),
  access_key_id: z.string().min(1).optional(),
  secret_access_key: z.string().min(1).optional(),
  session_token: z.string().min(1).optional(),
  profile: z.string().min(1).optional(),
  region: z.string().min(1).default('us-east-1'),
})

export const sourceSchema = z.object({
  bucket: z.string().min(1).default('data.binance.vision'),
  prefix: z.string().default('data/'),
  region: z.string().min(1).default('ap-northeast-1'),
  endpoint_url: url.optional(),
  /** Read the public archive unsigned. Server-side copies are always signed (DESIGN §6). */
  anonymous: z.boolean().default(true),
  /** Fetch object bytes by unsigned GET of `https_base + key` (e.g. https://data.binance.vision/); listing stays on S3. */
  https_base: z
    .string()
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol) && u.endsWith('/'), { error: 'must be an http(s) URL ending in "/"' })
    .optional(),
})

/** Per-request prices in USD (S3 Standard, us-east-1 list prices) and an optional transfer rate. */
export const pricingSchema = z.object({
  put_copy_list_per_1000: z.number().nonnegative().default(0.005),
  get_per_1000: z.number().nonnegative().default(0.0004),
  transfer_per_gb: z.number().nonnegative().default(0),
  /** S3 Batch Operations list prices (S3 pricing page, "Management & insights"): $0.25 per job, $1.00 per million objects processed. */
  batch_job: z.number().nonnegative().default(0.25),
  batch_per_million_objects: z.number().nonnegative().default(1),
})

/**
 * operation_mode batch_operations: the job is handed to S3 Batch Operations (CreateJob with
 * S3PutObjectCopy). Shapes only; that the mode has them, and what it cannot express, is validate.ts's.
 * The two endpoints are server-side (client.ts): a page may not point the app's signed control
 * requests elsewhere.
 */
export const batchOperationsSchema = z.object({
  /** The account that owns the job (CreateJob's x-amz-account-id): 12 digits. */
  account_id: z.string().regex(/^\d{12}$/, { error: 'must be the 12-digit AWS account id' }).optional(),
  /** The role S3 assumes to copy: trusted by batchoperations.s3.amazonaws.com. */
  role_arn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, { error: 'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)' }).optional(),
  /** Where the manifest is uploaded and the completion report is written. */
  report_bucket: z.string().min(1).optional(),
  report_prefix: z.string().default('archive-sync/batch'),
  /** CreateJob's Priority: 0 to 2^31-1, higher runs first. */
  priority: z.number().int({ error: 'must be a whole number from 0 to 2147483647' }).min(0).max(2_147_483_647).default(10),
  /** true: the job waits in Suspended until confirmed (UpdateJobStatus, or the console). */
  confirmation_required: z.boolean().default(false),
  /** S3 Control endpoint (server-side; AWS_ENDPOINT_URL_S3_CONTROL); default: <account>.s3-control.<region>.amazonaws.com. */
  control_endpoint_url: url.optional(),
  /** IAM endpoint for the pre-flight's GetRole (server-side; AWS_ENDPOINT_URL_IAM). */
  iam_endpoint_url: url.optional(),
})

const OPERATION_MODES = ['auto', 'direct_sync', 'traditional', 'batch_operations'] as const
export const VERIFY_LEVELS = ['none', 'size', 'etag', 'sha256'] as const

export const rawConfigSchema = z.object({
  schemaVersion: z.literal(1).default(1),
  enable_s3_direct_sync: z.boolean().default(false),
  operation_mode: z
    .enum(OPERATION_MODES, { error: 'must be one of: auto, direct_sync, traditional, batch_operations' })
    .default('auto'),
  destination_bucket: z.string().optional(),
  destination_prefix: z.string().default(''),
  /** mirror: `<prefix>/<archive key>`; hive: `<prefix>/market=…/data_type=…/symbol=…/interval=…/date=…/<file>`. */
  destination_layout: z.enum(['mirror', 'hive']).default('mirror'),
  sync_mode: z.enum(['copy', 'sync']).default('copy'),
  /** With sync_mode sync: delete destination objects the archive no longer has. Off unless set. */
  delete_extraneous: z.boolean().default(false),
  enable_incremental: z.boolean().default(true),
  performance_optimization: performanceSchema.default(performanceSchema.parse({})),
  s3_config: s3ConfigSchema.default(s3ConfigSchema.parse({})),
  // Selection
  markets: nameList.optional(),
  symbols: listOrMap.optional(),
  data_types: listOrMap.optional(),
  intervals: listOrMap.optional(),
  date_range: z.object({ start: z.string(), end: z.string() }).optional(),
  // Extensions
  source: sourceSchema.default(sourceSchema.parse({})),
  frequency: z.enum(['daily', 'monthly', 'auto']).default('daily'),
  include_checksums: z.boolean().default(true),
  /** fnmatch-style patterns on zip file names; a zip's .CHECKSUM follows its zip. */
  include_patterns: z.array(z.string().min(1)).default([]),
  exclude_patterns: z.array(z.string().min(1)).default([]),
  output_directory: z.string().min(1).optional(),
  s5cmd_path: z.string().min(1).optional(),
  verify: z.enum(VERIFY_LEVELS).default('etag'),
  pricing: pricingSchema.default(pricingSchema.parse({})),
  batch_operations: batchOperationsSchema.optional(),
})

export type ParsedConfig = z.output<typeof rawConfigSchema>
