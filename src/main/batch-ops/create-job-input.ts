// The CreateJob request of a job handed to S3 Batch Operations, built from the job's settings and
// its uploaded manifest. Pure: `batch submit --dry-run` prints exactly this, and submit.ts sends it.
// Shapes: S3 Control API reference, CreateJob (JobOperation.S3PutObjectCopy, JobManifest,
// JobReport); S3 user guide, "Copy objects" and "Creating an S3 Batch Operations job".
import type { CreateJobCommandInput } from '@aws-sdk/client-s3-control'
import type { JobConfig } from '../../shared/config/validate'
import { mirrorKey } from '../../shared/keys'

/** The manifest as uploaded: where it is and the ETag S3 gave it (CreateJob checks it against the object). */
export interface UploadedManifest {
  bucket: string
  key: string
  etag: string
}

/** The partition of a region's ARNs: China and GovCloud have their own. */
export const partitionOf = (region: string): string => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws')

/** CreateJob's ClientRequestToken (1-64 characters): the same for every submit of one job, so S3 answers a retry with the job it already made. */
export const clientRequestToken = (jobId: string): string => `archive-sync-${jobId}`.slice(0, 64)

/** Where a job's manifest goes in the report bucket: one key per job, so a retried upload overwrites only itself. */
export const manifestKey = (reportPrefix: string, jobId: string): string => mirrorKey(reportPrefix, `${jobId}/manifest.csv`)

/** The completion report's top-level manifest.json: `<prefix>/job-<S3 job id>/manifest.json` (user guide, "Completion reports"). */
export const completionManifestKey = (reportPrefix: string, s3JobId: string): string => mirrorKey(reportPrefix, `job-${s3JobId}/manifest.json`)

/** S3 ETags come quoted; CreateJob's JobManifestLocation.ETag is the bare value. */
export const bareEtag = (etag: string): string => etag.replace(/^"|"$/g, '')

export function createJobInput(config: JobConfig, jobId: string, label: string, manifest: UploadedManifest): CreateJobCommandInput {
  const b = config.batch_operations
  if (!b?.account_id || !b.role_arn || !b.report_bucket) throw new Error('batch_operations.account_id, role_arn and report_bucket are required (validated as CE035)')
  const arn = `arn:${partitionOf(config.s3_config.region)}:s3:::`
  // The mirror layout only (CE036). S3 prepends TargetKeyPrefix to the key as it is ("just adding
  // a prefix to the object key name", AWS in aws/aws-sdk#355), so the folder's "/" is ours to
  // send: `bronze/binance/` + `data/spot/…` is where the plan's tasks expect the object
  // (destinationKeyFn's `${prefix}/${key}`).
  const head = mirrorKey(config.destination_prefix, '')
  const prefix = head ? `${head}/` : ''
  return {
    AccountId: b.account_id,
    ClientRequestToken: clientRequestToken(jobId),
    ConfirmationRequired: b.confirmation_required,
    Description: `archive-sync ${jobId}: ${label}`.slice(0, 256),
    Priority: b.priority,
    RoleArn: b.role_arn,
    Operation: {
      S3PutObjectCopy: {
        TargetResource: `${arn}${config.destination_bucket}`,
        ...(prefix ? { TargetKeyPrefix: prefix } : {}),
        // The archive's Content-Type and metadata, as every other engine copies them.
        MetadataDirective: 'COPY',
        // S3 computes the destination's SHA-256: a checksum to compare with the archive's .CHECKSUM.
        ChecksumAlgorithm: 'SHA256',
      },
    },
    Manifest: {
      Spec: { Format: 'S3BatchOperations_CSV_20180820', Fields: ['Bucket', 'Key'] },
      Location: { ObjectArn: `${arn}${manifest.bucket}/${manifest.key}`, ETag: bareEtag(manifest.etag) },
    },
    Report: {
      Bucket: `${arn}${b.report_bucket}`,
      Format: 'Report_CSV_20180820',
      Enabled: true,
      Prefix: mirrorKey(b.report_prefix, ''),
      // Every task, succeeded or not: each becomes a per-task result of the job.
      ReportScope: 'AllTasks',
    },
  }
}
