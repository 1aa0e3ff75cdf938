// The completion report of a Batch Operations job, as S3 writes it (S3 user guide, "Examples: S3
// Batch Operations completion reports"): a top-level `manifest.json` (Format Report_CSV_20180820,
// Results: one entry per result file with its bucket, key, MD5 and TaskExecutionStatus) and
// result CSVs of rows `Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage`.
// Pure: parsing and matching; import-report.ts fetches the files.
import { createHash } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { z } from 'zod'

const reportManifestSchema = z.object({
  Format: z.literal('Report_CSV_20180820'),
  ReportCreationDate: z.string().optional(),
  Results: z.array(z.object({ TaskExecutionStatus: z.string(), Bucket: z.string(), MD5Checksum: z.string().optional(), Key: z.string() })),
  ReportSchema: z.string().optional(),
})
export type ReportManifest = z.infer<typeof reportManifestSchema>

export interface ReportRow {
  bucket: string
  /** As the report gives it: URL-encoded when the manifest's keys were. */
  key: string
  status: 'succeeded' | 'failed'
  /** The S3 error code (NoSuchKey, AccessDenied, ...) of a failed task. */
  errorCode?: string
  httpStatus?: number
  message: string
}

/** A report the app cannot read: named, never half-used. */
export class ReportFormatError extends Error {
  override name = 'ReportFormatError'
}

export function parseReportManifest(text: string, where: string): ReportManifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ReportFormatError(`${where} is not JSON`)
  }
  const r = reportManifestSchema.safeParse(json)
  if (!r.success) throw new ReportFormatError(`${where} is not a Report_CSV_20180820 manifest: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`)
  return r.data
}

/** The file's MD5 must be the one manifest.json lists: a truncated or replaced result file is refused, not read as fewer failures. */
export function checkMd5(body: string, expected: string | undefined, where: string): void {
  if (!expected) return
  const actual = createHash('md5').update(body).digest('hex')
  if (actual !== expected.toLowerCase()) throw new ReportFormatError(`${where} has MD5 ${actual}, the report's manifest says ${expected}`)
}

const isStatus = (s: string | undefined): boolean => s !== undefined && /^\d{3}$/.test(s)

/**
 * Rows of one result CSV (no header row). The documented header names ErrorCode before
 * HTTPStatusCode, while the guide's example rows carry the number first (`failed,200,
 * PermanentFailure`): the three-digit field is taken as the HTTP status, the other as the code.
 */
export function parseResultCsv(body: string, where: string): ReportRow[] {
  let records: string[][]
  try {
    records = parse(body, { relax_column_count: true, skip_empty_lines: true }) as string[][]
  } catch (err) {
    throw new ReportFormatError(`${where} is not CSV: ${(err as Error).message}`)
  }
  return records.map((r, i) => {
    if (r.length < 4) throw new ReportFormatError(`${where} row ${i + 1} has ${r.length} fields; a result row has Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage`)
    // The troubleshooting guide's row `BUCKET_NAME,prefix/file_name,failed,400,InvalidRequest,…` has no VersionId field.
    const noVersion = /^(succeeded|failed)$/i.test(r[2].trim())
    const [bucket, key, status, a, b, ...rest] = noVersion ? r : [r[0], r[1], ...r.slice(3)]
    const st = status.trim().toLowerCase()
    if (st !== 'succeeded' && st !== 'failed') throw new ReportFormatError(`${where} row ${i + 1}: TaskStatus ${JSON.stringify(status)} is neither succeeded nor failed`)
    const [httpRaw, codeRaw] = isStatus(a) ? [a, b] : isStatus(b) ? [b, a] : [undefined, a || b]
    return { bucket, key, status: st, errorCode: codeRaw || undefined, httpStatus: httpRaw ? Number(httpRaw) : undefined, message: rest.join(',') }
  })
}

/** The manifest's key for a report row: reports echo the manifest's URL-encoded key; a decoded one is matched too. */
export function rowKeys(row: ReportRow): string[] {
  const out = [row.key]
  try {
    const decoded = decodeURIComponent(row.key.replaceAll('+', ' '))
    if (decoded !== row.key) out.push(decoded)
    const plain = decodeURIComponent(row.key)
    if (plain !== row.key && plain !== decoded) out.push(plain)
  } catch {
    // Not URL-encoded (a % that starts no escape): the key as given.
  }
  return out
}
