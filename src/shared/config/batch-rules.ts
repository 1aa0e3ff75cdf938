// What operation_mode batch_operations needs and what it cannot express. S3 Batch Operations runs
// one operation over a manifest of (bucket, key): its S3PutObjectCopy writes each key under one
// target prefix unchanged, from one source bucket to one destination bucket, on AWS itself
// (S3 user guide, "Copy objects": "All source objects must be in one bucket", "All destination
// objects must be in one bucket"). Pure: validate.ts calls it with the parsed file.
import { sameService } from './endpoint'
import { issue, type ConfigIssue } from './codes'
import type { ParsedConfig } from './schema'

type BatchFacts = Pick<ParsedConfig, 'operation_mode' | 'batch_operations' | 'destination_bucket' | 'destination_layout' | 'output_directory' | 'enable_s3_direct_sync' | 'source' | 's3_config'>

/** Bucket names as validate.ts checks them (3-63 lowercase letters, digits, dots, hyphens). */
const BUCKET_RE = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const UNSAFE_PREFIX = /(^|\/)\.\.(\/|$)|\\|[\u0000-\u001f]/

/** The account an IAM role ARN belongs to (arn:aws:iam::<account>:role/<name>). */
const roleAccount = (arn: string): string | undefined => /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(arn)?.[1]

export function batchIssues(c: BatchFacts): ConfigIssue[] {
  if (c.operation_mode !== 'batch_operations') return []
  const out: ConfigIssue[] = []
  const b = c.batch_operations
  if (!b) return [issue('CE035', 'batch_operations', 'operation_mode is batch_operations but batch_operations { account_id, role_arn, report_bucket } is not set')]
  for (const k of ['account_id', 'role_arn', 'report_bucket'] as const) if (!b[k]) out.push(issue('CE035', `batch_operations.${k}`, `batch_operations.${k} is required with operation_mode batch_operations`))
  if (b.report_bucket && !BUCKET_RE.test(b.report_bucket)) out.push(issue('CE009', 'batch_operations.report_bucket', `${JSON.stringify(b.report_bucket)} is not a valid bucket name`))
  if (UNSAFE_PREFIX.test(b.report_prefix)) out.push(issue('CE016', 'batch_operations.report_prefix', `${JSON.stringify(b.report_prefix)} climbs out of the prefix or has control characters`))
  const roleIn = b.role_arn ? roleAccount(b.role_arn) : undefined
  // The job's role is passed by the account that creates the job (iam:PassRole): another account's role is refused by CreateJob.
  if (roleIn && b.account_id && roleIn !== b.account_id) out.push(issue('CE035', 'batch_operations.role_arn', `the role is in account ${roleIn}, the job in ${b.account_id}: the role must be in the job's account`))
  if (c.destination_layout !== 'mirror')
    out.push(issue('CE036', 'destination_layout', `destination_layout "${c.destination_layout}" renames keys; S3 Batch Operations copies every key unchanged under the destination prefix (mirror only)`))
  if (c.output_directory || !c.destination_bucket) out.push(issue('CE037', c.output_directory ? 'output_directory' : 'destination_bucket', 'S3 Batch Operations copies into an S3 bucket: give destination_bucket, not a local folder'))
  if (!c.enable_s3_direct_sync) out.push(issue('CE037', 'enable_s3_direct_sync', 'S3 Batch Operations is a server-side copy: set enable_s3_direct_sync true'))
  if (c.source.https_base) out.push(issue('CE037', 'source.https_base', 'S3 Batch Operations reads the source bucket itself, not an HTTPS URL: remove source.https_base'))
  if (!sameService(c.source.endpoint_url, c.s3_config.endpoint_url))
    out.push(issue('CE037', 's3_config.endpoint_url', `source (${c.source.endpoint_url ?? 'AWS'}) and destination (${c.s3_config.endpoint_url ?? 'AWS'}) are on different services: a Batch Operations copy stays on one`))
  return out
}
