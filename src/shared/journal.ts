// What a job leaves on disk so it can be resumed: its job.json, the persisted plan (plan.ndjson)
// and the journal (journal.ndjson), line by line. Every file and line is parsed with these schemas
// on the way back in: one that does not parse is corruption, never something to skip quietly.
import { z } from 'zod'
import { FREQUENCIES, MARKETS } from './catalog'
import { rawConfigSchema } from './config/schema'
import { planSummarySchema, taskResultSchema } from './contract/model'

const hex64 = /^[0-9a-f]{64}$/

/**
 * A validated JobConfig as job.json keeps it (credentials masked): the job file's fields plus what
 * validateConfig derived. Read back structurally, not re-derived, so a resume hashes exactly the
 * config the journal was written for.
 */
const savedConfigSchema = rawConfigSchema.extend({
  markets: z.array(z.enum(MARKETS)),
  date_range: z.object({ start: z.string(), end: z.string() }),
  selection: z.array(
    z.object({ market: z.enum(MARKETS), dataType: z.string(), frequencies: z.array(z.enum(FREQUENCIES)), intervals: z.array(z.string()), symbols: z.array(z.string()) }),
  ),
})

/** job.json: who the job is and the (redacted) config it ran with. */
export const jobMetaSchema = z.object({
  schemaVersion: z.literal(1),
  jobId: z.string(),
  createdAt: z.string(),
  label: z.string(),
  config: savedConfigSchema,
})
export type JobMeta = z.infer<typeof jobMetaSchema>

export const planHeaderSchema = z.object({
  type: z.literal('plan'),
  schemaVersion: z.literal(1),
  jobId: z.string(),
  configHash: z.string().regex(hex64),
  createdAt: z.string(),
  tasks: z.number().int().nonnegative(),
  listRequests: z.number().int().nonnegative(),
  summary: planSummarySchema,
  extraneousKeys: z.array(z.string()),
  /** Source prefixes s5cmd may copy with one wildcard line each (plan-wildcards.ts); absent in older plans. */
  wildcards: z.array(z.object({ prefix: z.string().min(1), count: z.number().int().positive() })).optional(),
})
export type PlanHeader = z.infer<typeof planHeaderSchema>

export const planTaskSchema = z.object({
  type: z.literal('task'),
  id: z.number().int().nonnegative(),
  sourceKey: z.string(),
  destKey: z.string(),
  size: z.number().nonnegative(),
  etag: z.string().optional(),
  dataset: z.string(),
  skip: z.string().optional(),
})

const journalHeaderSchema = z.object({
  type: z.literal('header'),
  schemaVersion: z.literal(1),
  jobId: z.string(),
  configHash: z.string().regex(hex64),
  createdAt: z.string(),
})
export type JournalHeader = z.infer<typeof journalHeaderSchema>

/** One line per run of the job: the first run and every resume. */
const sessionLineSchema = z.object({ type: z.literal('session'), at: z.string(), resumed: z.boolean() })

const resultLineSchema = taskResultSchema.extend({ type: z.literal('result'), key: z.string(), at: z.string() })
export type ResultLine = z.infer<typeof resultLineSchema>

const VERIFY_STATUSES = ['verified', 'unverified', 'mismatch', 'missing'] as const
const VERIFY_METHODS = ['size', 'etag', 'sha256-stream', 'sha256-local', 'sha256-s3', 'sha256-get'] as const

/** How one landed object was proved (or why it could not be). */
const verifyOutcomeSchema = z.object({
  id: z.number().int().nonnegative(),
  status: z.enum(VERIFY_STATUSES),
  method: z.enum(VERIFY_METHODS).optional(),
  reason: z.string().optional(),
  /** The archive's value (.CHECKSUM hex, source ETag or size) and the destination's, on a mismatch. */
  expected: z.string().optional(),
  actual: z.string().optional(),
})
export type VerifyOutcome = z.infer<typeof verifyOutcomeSchema>

const verifyLineSchema = verifyOutcomeSchema.extend({ type: z.literal('verify'), at: z.string() })

export const journalLineSchema = z.discriminatedUnion('type', [journalHeaderSchema, sessionLineSchema, resultLineSchema, verifyLineSchema])

/** Fields that may differ between a run and its resume: credentials rotate, the job stays the same. */
const VOLATILE_S3 = ['access_key_id', 'secret_access_key', 'session_token', 'profile']

/** The part of a config that defines the job (what is copied, where, how it is proved). */
export function jobIdentity(config: { s3_config?: object }): Record<string, unknown> {
  const s3: Record<string, unknown> = { ...config.s3_config }
  for (const k of VOLATILE_S3) delete s3[k]
  return { ...config, s3_config: s3 }
}

/** Stable JSON: keys sorted at every level, so equal configs serialise (and hash) equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(v) ?? 'null'
}

/** Field-by-field differences between two configs: `path: before → after`. */
export function diffConfigs(before: unknown, after: unknown, path = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((k) => diffConfigs(before[k], after[k], path ? `${path}.${k}` : k))
  }
  if (canonicalJson(before) === canonicalJson(after)) return []
  const show = (v: unknown) => (v === undefined ? '(unset)' : canonicalJson(v))
  return [`${path || '(root)'}: ${show(before)} → ${show(after)}`]
}
