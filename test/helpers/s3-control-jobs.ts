// The stand-in's Batch Operations jobs: the status walk of "Tracking job status and completion
// reports" (AWS S3 User Guide) — New → Preparing → (Suspended until confirmed) → Ready → Active →
// Completing → Complete, or Failed / Cancelling → Cancelled — run against a local S3 (s3rver).
// Preparing reads the manifest the way AWS does (its ETag must be the one CreateJob named; keys are
// URL-encoded), Active copies each listed object with CopyObject, and the end writes the completion
// report (batch-report-fixture.ts). A task's failure is S3's answer to that one CopyObject.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import pMap from 'p-map'
import { buildCompletionReport, parseCsvLine, type TaskOutcome } from './batch-report-fixture'
import { ControlError, type ParsedCreateJob } from './s3-control-xml'

export type JobStatus = 'New' | 'Preparing' | 'Suspended' | 'Ready' | 'Active' | 'Completing' | 'Complete' | 'Failing' | 'Failed' | 'Cancelling' | 'Cancelled'

export interface Job {
  id: string
  request: ParsedCreateJob
  status: JobStatus
  created: Date
  terminated?: Date
  suspended?: Date
  statusUpdateReason?: string
  failures: { FailureCode: string; FailureReason: string }[]
  total?: number
  succeeded: number
  failed: number
  /** Milliseconds spent Active before the current stretch, and when that stretch began. */
  activeMs: number
  activeSince?: number
  outcomes: TaskOutcome[]
  /** Keys of the completion report's files, once written. */
  reportKeys: string[]
  cancelRequested: boolean
  confirm?: () => void
}

export interface RunnerOptions {
  s3: S3Client
  /** Pause before each status step (New → Preparing → …), so a watcher can see the walk. */
  stepMs: number
  /** Pause before each task's CopyObject: paces a job so a test can watch its counts move. */
  taskDelayMs: number
  concurrency: number
  signal: AbortSignal
}

export const TERMINAL: ReadonlySet<JobStatus> = new Set(['Complete', 'Failed', 'Cancelled'])

const bucketOf = (arn: string): string => arn.slice('arn:aws:s3:::'.length).split('/')[0]
const stripQuotes = (etag: string): string => etag.replace(/^"|"$/g, '')

// s3rver reads x-amz-copy-source with decodeURI, which leaves %2C, %3F, %2B … encoded, so the
// per-segment encodeURIComponent real S3 wants would name another key there; encodeURI's output is
// what s3rver decodes back exactly. (The stand-in only ever copies within s3rver.)
const copySource = (bucket: string, key: string): string => encodeURI(`${bucket}/${key}`)

export function newJob(request: ParsedCreateJob): Job {
  return { id: randomUUID(), request, status: 'New', created: new Date(), failures: [], succeeded: 0, failed: 0, activeMs: 0, outcomes: [], reportKeys: [], cancelRequested: false }
}

/** AWS's wording for a task's failure, after the real reports' "<message> (Service: Amazon S3; Status Code: …)". */
function taskFailure(bucket: string, key: string, err: unknown): TaskOutcome {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string } }
  const status = e.$metadata?.httpStatusCode ?? 500
  const code = e.name && e.name !== 'Error' ? e.name : 'InternalError'
  const tail = `(Service: Amazon S3; Status Code: ${status}; Error Code: ${code}; Request ID: ${e.$metadata?.requestId ?? ''}; S3 Extended Request ID: ${e.$metadata?.extendedRequestId ?? ''}; Proxy: null)`
  return { bucket, key, status: 'failed', httpStatus: status, errorCode: code, message: `${e.message ?? code} ${tail}` }
}

function setStatus(job: Job, status: JobStatus): void {
  const now = Date.now()
  if (job.activeSince !== undefined) {
    job.activeMs += now - job.activeSince
    job.activeSince = undefined
  }
  if (status === 'Active') job.activeSince = now
  if (status === 'Suspended') job.suspended = new Date(now)
  if (TERMINAL.has(status)) job.terminated = new Date(now)
  job.status = status
}

function fail(job: Job, code: string, reason: string): void {
  if (job.cancelRequested) return
  job.failures.push({ FailureCode: code, FailureReason: reason })
  setStatus(job, 'Failed')
}

/** Preparing: the manifest's lines as (bucket, decoded key, version) tasks, or the reason the job fails. */
async function readManifest(job: Job, o: RunnerOptions): Promise<{ bucket: string; key: string; versionId?: string }[] | undefined> {
  const { Location, Spec } = job.request.input.Manifest
  const bucket = bucketOf(Location.ObjectArn)
  const key = Location.ObjectArn.slice(`arn:aws:s3:::${bucket}/`.length)
  let text: string
  try {
    const got = await o.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: Location.ObjectVersionId }), { abortSignal: o.signal })
    if (stripQuotes(got.ETag ?? '') !== stripQuotes(Location.ETag)) {
      fail(job, 'ManifestETagMismatch', `The ETag of the manifest object (${got.ETag}) does not match the ETag in the job request (${Location.ETag})`)
      return undefined
    }
    text = await got.Body!.transformToString()
  } catch (err) {
    if (o.signal.aborted) throw err
    fail(job, 'ManifestReadFailure', `Reading the manifest failed: ${(err as { name?: string }).name ?? 'Error'}`)
    return undefined
  }
  const fields = Spec.Fields.member
  const tasks = []
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue
    const cells = parseCsvLine(line)
    const at = (f: string) => (fields.indexOf(f as never) >= 0 ? cells[fields.indexOf(f as never)] : undefined)
    const b = at('Bucket')
    const k = at('Key')
    if (!b || k === undefined) {
      fail(job, 'ManifestParseFailure', `The manifest line "${line}" does not hold the fields ${fields.join(', ')}`)
      return undefined
    }
    tasks.push({ bucket: b, key: decodeURIComponent(k), versionId: at('VersionId') || undefined })
  }
  return tasks
}

async function writeReport(job: Job, o: RunnerOptions): Promise<void> {
  const r = job.request.input.Report
  if (!r.Enabled || !r.Bucket) return
  const reportBucket = bucketOf(r.Bucket)
  const report = buildCompletionReport({ jobId: job.id, reportBucket, prefix: r.Prefix, scope: r.ReportScope ?? 'AllTasks', outcomes: job.outcomes, createdAt: new Date() })
  try {
    for (const f of report.files) {
      const type = f.key.endsWith('.json') ? 'application/json' : 'text/csv'
      await o.s3.send(new PutObjectCommand({ Bucket: reportBucket, Key: f.key, Body: f.body, ContentType: type }), { abortSignal: o.signal })
      job.reportKeys.push(f.key)
    }
  } catch (err) {
    if (o.signal.aborted) throw err
    // AWS: "The job itself is completed successfully … Only the delivery of the completion report fails."
    job.failures.push({ FailureCode: 'ReportWriteFailure', FailureReason: 'The job report could not be written to your report bucket. Please check your permissions.' })
  }
}

/** Walks one job to a terminal status; returns early (quietly) when the stand-in closes. */
export async function runJob(job: Job, o: RunnerOptions): Promise<void> {
  // A job cancelled while New, Preparing or Ready is already Cancelled: the walk just stops.
  const step = async () => {
    await sleep(o.stepMs, undefined, { signal: o.signal })
    return !job.cancelRequested
  }
  try {
    if (!(await step())) return
    setStatus(job, 'Preparing')
    if (!(await step())) return
    const tasks = await readManifest(job, o)
    if (!tasks || job.cancelRequested) return
    job.total = tasks.length
    if (job.request.input.ConfirmationRequired) {
      setStatus(job, 'Suspended')
      await new Promise<void>((resolve, reject) => {
        job.confirm = resolve
        o.signal.addEventListener('abort', () => reject(o.signal.reason), { once: true })
      })
      if (job.cancelRequested) return
    }
    setStatus(job, 'Ready')
    if (!(await step())) return
    setStatus(job, 'Active')
    const op = job.request.input.Operation.S3PutObjectCopy
    const target = bucketOf(op.TargetResource)
    await pMap(
      tasks,
      async (t) => {
        if (o.taskDelayMs > 0) await sleep(o.taskDelayMs, undefined, { signal: o.signal })
        if (job.cancelRequested) return
        const copy = { Bucket: target, Key: `${op.TargetKeyPrefix ?? ''}${t.key}`, CopySource: copySource(t.bucket, t.key), MetadataDirective: op.MetadataDirective, ChecksumAlgorithm: op.ChecksumAlgorithm }
        try {
          await o.s3.send(new CopyObjectCommand(copy), { abortSignal: o.signal })
          job.outcomes.push({ ...t, status: 'succeeded', httpStatus: 200 })
          job.succeeded++
        } catch (err) {
          if (o.signal.aborted) throw err
          job.outcomes.push({ ...t, ...taskFailure(t.bucket, t.key, err) })
          job.failed++
        }
      },
      { concurrency: o.concurrency, signal: o.signal },
    )
    if (!job.cancelRequested) setStatus(job, 'Completing')
    await writeReport(job, o)
    setStatus(job, job.cancelRequested ? 'Cancelled' : 'Complete')
  } catch (err) {
    if (!o.signal.aborted) fail(job, 'InternalError', `stand-in: ${(err as Error).message}`)
  }
}

/**
 * UpdateJobStatus: Ready confirms a Suspended job; Cancelled stops any job not yet terminal (an
 * Active one goes through Cancelling while its tasks in flight finish). Anything else is AWS's
 * JobStatusException.
 */
export function requestStatus(job: Job, requested: 'Ready' | 'Cancelled', reason?: string): JobStatus {
  const refuse = () => new ControlError(400, 'JobStatusException', `The job ${job.id} in status ${job.status} cannot be moved to ${requested}`)
  if (requested === 'Ready') {
    if (job.status !== 'Suspended') throw refuse()
    job.statusUpdateReason = reason
    job.confirm?.()
    return 'Ready'
  }
  if (TERMINAL.has(job.status) || job.cancelRequested) throw refuse()
  job.cancelRequested = true
  job.statusUpdateReason = reason
  const active = job.status === 'Active' || job.status === 'Completing'
  setStatus(job, active ? 'Cancelling' : 'Cancelled')
  job.confirm?.()
  return job.status
}

export function elapsedActiveSeconds(job: Job): number {
  const running = job.activeSince !== undefined ? Date.now() - job.activeSince : 0
  return Math.floor((job.activeMs + running) / 1000)
}
