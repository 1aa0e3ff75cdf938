// A finished Batch Operations job's completion report → one result per task of its manifest:
// succeeded rows are synced, failed rows failed with the report's code and message, and a task
// the report does not mention is failed too (a task nobody reports is not a success). The
// result files are read through S3 (the report bucket, with the destination's credentials) and
// checked against the MD5s manifest.json lists.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { TaskResult } from '../../shared/contract'
import { classifyFacts, explain } from '../../shared/errors/classify'
import { classifyError } from '../s3/errors'
import type { BatchState } from './batch-store'
import { checkMd5, parseReportManifest, parseResultCsv, rowKeys, type ReportRow } from './completion-report'
import { completionManifestKey } from './create-job-input'

interface Task {
  id: number
  sourceKey: string
  size: number
}

export interface ImportInput {
  client: S3Client
  state: BatchState
  reportBucket: string
  reportPrefix: string
  /** The tasks Batch Operations was given that still need a result. */
  tasks: readonly Task[]
  signal?: AbortSignal
}

export interface Imported {
  results: TaskResult[]
  /** s3://bucket/key of manifest.json, or null when the job wrote no report (it ran no task). */
  location: string | null
  /** Rows for keys this job did not ask for (another job's report under the same prefix would be a misconfiguration). */
  unknownRows: number
}

async function read(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<string | null> {
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal })
    return await out.Body!.transformToString('utf8')
  } catch (err) {
    if (classifyError(err) === 'not-found') return null
    throw err
  }
}

function failedRow(task: Task, row: ReportRow, s3JobId: string): TaskResult {
  const c = classifyFacts({ codes: [row.errorCode], status: row.httpStatus, text: row.message })
  const head = `${row.errorCode ?? 'failed'}${row.httpStatus ? ` (HTTP ${row.httpStatus})` : ''}: ${row.message || 'no message'} [Batch Operations job ${s3JobId}]`
  return { id: task.id, outcome: 'failed', engine: 'batch-operations', bytes: 0, reason: explain(head, c), errorClass: c.errorClass, attempts: 1 }
}

export async function importCompletionReport(i: ImportInput): Promise<Imported> {
  const { state } = i
  const s3JobId = state.s3JobId!
  const key = completionManifestKey(i.reportPrefix, s3JobId)
  const location = `s3://${i.reportBucket}/${key}`
  const byKey = new Map(i.tasks.map((t) => [t.sourceKey, t]))
  const found = new Map<number, TaskResult>()
  let unknownRows = 0
  const manifestText = await read(i.client, i.reportBucket, key, i.signal)
  if (manifestText !== null) {
    const manifest = parseReportManifest(manifestText, location)
    for (const r of manifest.Results) {
      const where = `s3://${r.Bucket}/${r.Key}`
      const body = await read(i.client, r.Bucket, r.Key, i.signal)
      if (body === null) throw new Error(`${where}, listed in ${location}, does not exist`)
      checkMd5(body, r.MD5Checksum, where)
      for (const row of parseResultCsv(body, where)) {
        const task = rowKeys(row).map((k) => byKey.get(k)).find((t) => t !== undefined)
        if (!task) {
          unknownRows++
          continue
        }
        // A key reported twice (a task S3 retried) counts as synced once any row succeeded.
        if (found.get(task.id)?.outcome === 'synced') continue
        found.set(task.id, row.status === 'succeeded' ? { id: task.id, outcome: 'synced', engine: 'batch-operations', bytes: task.size, attempts: 1 } : failedRow(task, row, s3JobId))
      }
    }
  }
  const why = [state.status, state.statusReason, ...state.failureReasons].filter(Boolean).join('; ')
  const missing = manifestText === null ? `Batch Operations job ${s3JobId} wrote no completion report (${why})` : `not in the completion report of Batch Operations job ${s3JobId} (${why})`
  const results = i.tasks.map((t) => found.get(t.id) ?? { id: t.id, outcome: 'failed' as const, engine: 'batch-operations' as const, bytes: 0, reason: missing, errorClass: 'other' as const })
  return { results, location: manifestText === null ? null : location, unknownRows }
}
