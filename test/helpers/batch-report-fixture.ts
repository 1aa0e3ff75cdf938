// Completion reports in the layout S3 Batch Operations writes them ("Examples: S3 Batch Operations
// completion reports", AWS S3 User Guide), generated from a list of task outcomes. Pure: it returns
// the files' keys and bodies; writing them anywhere is the caller's business (the S3 Control
// stand-in puts them in its report bucket, import tests can put them wherever they like).
//
//   <prefix>/job-<jobId>/manifest.json            Format, ReportCreationDate, Results[], ReportSchema
//   <prefix>/job-<jobId>/results/<40 hex>.csv      one file per task status that has tasks
//
// Facts the layout follows, each from AWS's own material:
// - Result file names are 40 hex digits in AWS's example (…/results/6217b0fab0de…a7daa5.csv), not
//   UUIDs; here they are the SHA-1 of job id + status, so a report is reproducible.
// - Results lists the succeeded file first, then the failed one; Bucket is a bucket NAME (not an
//   ARN); Key is the full object key, prefix included; MD5Checksum is the hex MD5 of that file.
// - ReportSchema names the columns "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode,
//   ResultMessage", but the rows AWS writes carry the HTTP status in the fifth field and the error
//   code in the sixth: "BUCKET_NAME,prefix/file_name,failed,400,InvalidRequest,Task failed due to
//   missing VersionId" (Troubleshooting Batch Operations) and "…,succeeded,200,,Successful" in real
//   reports. We write what AWS writes; an importer must read the fields by position.
// - Keys are written URL-encoded, as the manifest they came from must be ("The contents of the
//   manifest must be URL encoded", Batch Operations basics): each path segment percent-encoded.
// - Fields holding a comma, quote or line break are quoted with quotes doubled (RFC 4180), as in
//   AWS's Lambda example ("Lambda returned function error: {""errorMessage"":…}").
import { createHash } from 'node:crypto'

const REPORT_FORMAT = 'Report_CSV_20180820'
export const REPORT_SCHEMA = 'Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage'
const SUCCESS_MESSAGE = 'Successful'

type ReportScope = 'AllTasks' | 'FailedTasksOnly'
type TaskStatus = 'succeeded' | 'failed'

export interface TaskOutcome {
  /** The source bucket named in the manifest line. */
  bucket: string
  /** The decoded object key. */
  key: string
  versionId?: string
  status: TaskStatus
  /** The S3 response's status: 200 for a success, the error's status (404, 403, …) for a failure. */
  httpStatus: number
  /** S3's error code (NoSuchKey, AccessDenied, …); empty for a success. */
  errorCode?: string
  /** "Successful" for a success by default; S3's error message for a failure. */
  message?: string
}

interface ReportManifestEntry {
  TaskExecutionStatus: TaskStatus
  Bucket: string
  MD5Checksum: string
  Key: string
}

export interface ReportManifest {
  Format: typeof REPORT_FORMAT
  ReportCreationDate: string
  Results: ReportManifestEntry[]
  ReportSchema: typeof REPORT_SCHEMA
}

interface ReportFile {
  key: string
  body: string
}

export interface CompletionReport {
  /** `<prefix>/job-<jobId>`: where the report lives. */
  jobPrefix: string
  manifestKey: string
  manifest: ReportManifest
  /** The result CSVs, succeeded first; the manifest.json file last. */
  files: ReportFile[]
}

export interface ReportInput {
  jobId: string
  /** The report bucket's name (CreateJob's Report.Bucket is an ARN; strip it first). */
  reportBucket: string
  prefix?: string
  scope: ReportScope
  outcomes: readonly TaskOutcome[]
  createdAt: Date
}

/** Each path segment percent-encoded: "a b/ü,c.zip" → "a%20b/%C3%BC%2Cc.zip". */
export const urlEncodeKey = (key: string): string => key.split('/').map(encodeURIComponent).join('/')

/** `<prefix>/job-<jobId>`; no prefix → `job-<jobId>` at the bucket's root, as in AWS's example. */
export function reportJobPrefix(prefix: string | undefined, jobId: string): string {
  const p = (prefix ?? '').replace(/\/+$/, '')
  return p ? `${p}/job-${jobId}` : `job-${jobId}`
}

const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** One row as AWS writes it: Bucket, Key (URL-encoded), VersionId, TaskStatus, HTTP status, error code, message. */
export function resultLine(o: TaskOutcome): string {
  const message = o.message ?? (o.status === 'succeeded' ? SUCCESS_MESSAGE : '')
  return [o.bucket, urlEncodeKey(o.key), o.versionId ?? '', o.status, String(o.httpStatus), o.errorCode ?? '', message].map(csvField).join(',')
}

/** Splits one CSV line (RFC 4180 quoting) into fields; for manifests and result files alike. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (c === ',' && !quoted) {
      fields.push(cur)
      cur = ''
    } else {
      cur += c
    }
  }
  fields.push(cur)
  return fields
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex')
const resultName = (jobId: string, status: TaskStatus): string => createHash('sha1').update(`${jobId}:${status}`).digest('hex')

export function buildCompletionReport(input: ReportInput): CompletionReport {
  const jobPrefix = reportJobPrefix(input.prefix, input.jobId)
  const statuses: TaskStatus[] = input.scope === 'AllTasks' ? ['succeeded', 'failed'] : ['failed']
  const files: ReportFile[] = []
  const results: ReportManifestEntry[] = []
  for (const status of statuses) {
    const rows = input.outcomes.filter((o) => o.status === status)
    if (rows.length === 0) continue
    const body = rows.map((o) => `${resultLine(o)}\n`).join('')
    const key = `${jobPrefix}/results/${resultName(input.jobId, status)}.csv`
    files.push({ key, body })
    results.push({ TaskExecutionStatus: status, Bucket: input.reportBucket, MD5Checksum: md5(body), Key: key })
  }
  const manifest: ReportManifest = { Format: REPORT_FORMAT, ReportCreationDate: input.createdAt.toISOString(), Results: results, ReportSchema: REPORT_SCHEMA }
  const manifestKey = `${jobPrefix}/manifest.json`
  files.push({ key: manifestKey, body: JSON.stringify(manifest, null, 2) })
  return { jobPrefix, manifestKey, manifest, files }
}
