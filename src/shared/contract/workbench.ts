// Schemas of the analyst's workbench commands: preflight, report export, saved job
// configs, AWS profile names and saved destinations. Kept apart from commands.ts so the table
// there only grows by one line per command.
import { z } from 'zod'
import { clientConfigSchema } from '../config/client'

const PREFLIGHT_CHECKS = ['credentials', 'destination', 'source', 's5cmd', 'regions', 'batch-role', 'batch-report', 'batch-source'] as const

const preflightLineSchema = z.object({
  check: z.enum(PREFLIGHT_CHECKS),
  /** warn: the job can run, but not the way the config asks (no s5cmd → SDK, regions cross). */
  status: z.enum(['ok', 'warn', 'fail']),
  title: z.string(),
  detail: z.string(),
  /** The troubleshooting name of the failure: NoCredentials, AccessDenied, NoSuchBucket, EndpointConnectionError, ... */
  code: z.string().optional(),
  fix: z.string().optional(),
})
export type PreflightLine = z.infer<typeof preflightLineSchema>

const preflightResultSchema = z.object({ ok: z.boolean(), lines: z.array(preflightLineSchema) })
export type PreflightResult = z.infer<typeof preflightResultSchema>

export const EXPORT_FORMATS = ['json', 'csv', 'html'] as const
const exportFormatSchema = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof exportFormatSchema>

const reportExportSchema = z.object({ filename: z.string(), mimeType: z.string(), text: z.string() })
export type ReportExport = z.infer<typeof reportExportSchema>

/** A past job's config as saved: secrets already masked on disk, never sent in full. */
const savedJobConfigSchema = z.object({
  jobId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  config: z.record(z.string(), z.unknown()),
})

const awsProfileSchema = z.object({
  name: z.string(),
  region: z.string().nullable(),
  /** Which of the shared files mention it; the keys themselves never leave main. */
  sources: z.array(z.enum(['config', 'credentials'])),
})
export type AwsProfile = z.infer<typeof awsProfileSchema>

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/
export const destinationSchema = z.object({
  name: z.string().regex(NAME_RE, { error: 'letters, digits, space, . _ - (up to 64)' }),
  kind: z.enum(['s3', 'local']),
  bucket: z.string().optional(),
  prefix: z.string().default(''),
  profile: z.string().optional(),
  region: z.string().optional(),
  endpoint_url: z.string().optional(),
  output_directory: z.string().optional(),
})
export type Destination = z.infer<typeof destinationSchema>

export const coverageSchema = z.object({ symbols: z.array(z.string()), periods: z.array(z.string()), rows: z.array(z.string()), truncated: z.boolean() })

const configInput = clientConfigSchema
/** What a connection may save: no endpoint (the server's alone); a local folder is resolved under the output root when used. */
const destinationInput = destinationSchema.omit({ endpoint_url: true }).strict()
const jobRef = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })

/** Spread into the command table in commands.ts. */
export const workbenchCommands = {
  'jobs:config': { req: jobRef, res: savedJobConfigSchema },
  'reports:export': { req: jobRef.extend({ format: exportFormatSchema }), res: reportExportSchema },
  'plan:coverage': { req: z.object({ config: configInput }), res: coverageSchema },
  'preflight:run': { req: z.object({ config: configInput }), res: preflightResultSchema },
  'profiles:list': { req: z.object({}), res: z.object({ profiles: z.array(awsProfileSchema) }) },
  'destinations:list': { req: z.object({}), res: z.object({ destinations: z.array(destinationSchema) }) },
  'destinations:save': { req: z.object({ destination: destinationInput }), res: z.object({ destinations: z.array(destinationSchema) }) },
  'destinations:delete': { req: z.object({ name: z.string() }), res: z.object({ destinations: z.array(destinationSchema) }) },
} as const
