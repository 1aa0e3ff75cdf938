// The S3 Control stand-in driven by the real @aws-sdk/client-s3-control against a real s3rver:
// what a Batch Operations copy job must leave behind (bytes under the prefix, counts that add up,
// AWS's completion report), and the service's rules a client relies on (idempotent tokens,
// confirmation, a missing key failing one task, errors with their codes, SlowDown retried).
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { CreateJobCommand, DescribeJobCommand, S3ControlClient, UpdateJobStatusCommand, type CreateJobCommandInput, type JobDescriptor } from '@aws-sdk/client-s3-control'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { REPORT_SCHEMA, parseCsvLine, urlEncodeKey, type ReportManifest } from '../helpers/batch-report-fixture'
import { bytesAt, clientOf, seedRandom } from '../helpers/engine-kit'
import { standinClientConfig, startS3ControlStandin, type S3ControlStandin } from '../helpers/s3-control-standin'

const ACCOUNT = '123456789012'
const SIZES = { 'data/a.zip': 1_000, 'data/b.zip': 70_000, 'data/with space/ü,c.zip': 333, 'data/d.zip.CHECKSUM': 97, 'data/e.zip': 0, 'data/f.zip': 12_345 }

let s3: LocalS3
let c: S3Client
let standin: S3ControlStandin
let control: S3ControlClient
let objects: { key: string; body: Buffer }[]
let seq = 0

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ['src', 'lake', 'ops'] })
  c = clientOf(s3)
  objects = (await seedRandom(s3, 'src', SIZES)).map((o) => ({ key: o.key, body: Buffer.from(o.body) }))
  standin = await startS3ControlStandin({ s3, taskDelayMs: 40, concurrency: 2, stepMs: 20 })
  control = new S3ControlClient({ ...standinClientConfig(standin.endpoint), maxAttempts: 4 })
})
afterAll(async () => {
  control?.destroy()
  await standin?.close()
  c?.destroy()
  await s3?.stop()
})

/** A manifest of (src, key) lines, URL-encoded as AWS requires; returns its location for CreateJob. */
async function manifest(keys: string[]): Promise<{ ObjectArn: string; ETag: string }> {
  const key = `manifests/m-${++seq}.csv`
  const body = keys.map((k) => `src,${urlEncodeKey(k)}\n`).join('')
  const put = await c.send(new PutObjectCommand({ Bucket: 'ops', Key: key, Body: body }))
  return { ObjectArn: `arn:aws:s3:::ops/${key}`, ETag: put.ETag! }
}

function jobInput(location: { ObjectArn: string; ETag: string }, over: Partial<CreateJobCommandInput> = {}): CreateJobCommandInput {
  const n = seq
  return {
    AccountId: ACCOUNT,
    ClientRequestToken: `token-${n}`,
    ConfirmationRequired: false,
    Priority: 10,
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/batch-copy`,
    Operation: { S3PutObjectCopy: { TargetResource: 'arn:aws:s3:::lake', TargetKeyPrefix: `copy-${n}/`, MetadataDirective: 'COPY' } },
    Manifest: { Spec: { Format: 'S3BatchOperations_CSV_20180820', Fields: ['Bucket', 'Key'] }, Location: location },
    Report: { Bucket: 'arn:aws:s3:::ops', Prefix: `reports-${n}`, Format: 'Report_CSV_20180820', Enabled: true, ReportScope: 'AllTasks' },
    ...over,
  }
}

const describeJob = async (id: string): Promise<JobDescriptor> => (await control.send(new DescribeJobCommand({ AccountId: ACCOUNT, JobId: id }))).Job!

/** Polls DescribeJob like a client would; returns every descriptor seen, the terminal one last. */
async function watch(id: string, until = ['Complete', 'Failed', 'Cancelled']): Promise<JobDescriptor[]> {
  const seen: JobDescriptor[] = []
  for (let i = 0; i < 500; i++) {
    const job = await describeJob(id)
    seen.push(job)
    if (until.includes(job.Status!)) return seen
    await new Promise((r) => setTimeout(r, 15))
  }
  throw new Error(`job ${id} never reached ${until.join('/')}`)
}

const text = async (bucket: string, key: string): Promise<string> => (await c.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString()

async function report(jobId: string, prefix: string): Promise<{ manifest: ReportManifest; rows: Record<string, string[][]> }> {
  const manifest = JSON.parse(await text('ops', `${prefix}/job-${jobId}/manifest.json`)) as ReportManifest
  const rows: Record<string, string[][]> = {}
  for (const r of manifest.Results) rows[r.TaskExecutionStatus] = (await text(r.Bucket, r.Key)).trimEnd().split('\n').map(parseCsvLine)
  return { manifest, rows }
}

describe('S3 Control stand-in, through the real S3ControlClient', () => {
  it('copies every manifest object byte-identical under the prefix, counts add up, and writes AWS’s report', async () => {
    const input = jobInput(await manifest(objects.map((o) => o.key)))
    const { JobId } = await control.send(new CreateJobCommand(input))
    const seen = await watch(JobId!)
    const done = seen.at(-1)!
    expect(done.Status).toBe('Complete')
    expect(done.ProgressSummary).toMatchObject({ TotalNumberOfTasks: objects.length, NumberOfTasksSucceeded: objects.length, NumberOfTasksFailed: 0 })
    expect(done.ProgressSummary?.Timers?.ElapsedTimeInActiveSeconds).toBeGreaterThanOrEqual(0)
    expect(done.Operation?.S3PutObjectCopy?.TargetResource).toBe('arn:aws:s3:::lake')
    expect(done.Manifest?.Spec?.Fields).toEqual(['Bucket', 'Key'])
    expect(done.TerminationDate).toBeInstanceOf(Date)
    // Paced tasks: a watcher sees the job Active with some, not all, tasks done.
    expect(seen.some((j) => j.Status === 'Active' && (j.ProgressSummary?.NumberOfTasksSucceeded ?? 0) < objects.length)).toBe(true)
    for (const o of objects) expect((await bytesAt(c, 'lake', `copy-${seq}/${o.key}`))?.equals(o.body), o.key).toBe(true)

    const { manifest: m, rows } = await report(JobId!, `reports-${seq}`)
    expect(m).toMatchObject({ Format: 'Report_CSV_20180820', ReportSchema: REPORT_SCHEMA })
    expect(m.Results.map((r) => [r.TaskExecutionStatus, r.Bucket])).toEqual([['succeeded', 'ops']])
    expect(rows.succeeded.map((r) => r.length)).toEqual(objects.map(() => 7))
    expect(rows.succeeded.map((r) => decodeURIComponent(r[1])).sort()).toEqual(objects.map((o) => o.key).sort())
    expect(rows.succeeded.find((r) => r[1].includes('space'))?.[1]).toBe('data/with%20space/%C3%BC%2Cc.zip')
    expect(new Set(rows.succeeded.map((r) => [r[0], r[3], r[4], r[5], r[6]].join(',')))).toEqual(new Set(['src,succeeded,200,,Successful']))
  })

  it('the same ClientRequestToken gives the same job, and no second one', async () => {
    const input = jobInput(await manifest(['data/a.zip']))
    const before = standin.jobs.size
    const first = await control.send(new CreateJobCommand(input))
    const again = await control.send(new CreateJobCommand(input))
    expect(again.JobId).toBe(first.JobId)
    expect(standin.jobs.size).toBe(before + 1)
    await expect(control.send(new CreateJobCommand({ ...input, Priority: 99 }))).rejects.toMatchObject({ name: 'IdempotencyException', $metadata: { httpStatusCode: 409 } })
    expect((await watch(first.JobId!)).at(-1)?.Status).toBe('Complete')
  })

  it('ConfirmationRequired waits Suspended, copying nothing, until UpdateJobStatus Ready', async () => {
    const { JobId } = await control.send(new CreateJobCommand(jobInput(await manifest(['data/a.zip', 'data/b.zip']), { ConfirmationRequired: true })))
    const suspended = (await watch(JobId!, ['Suspended'])).at(-1)!
    expect(suspended).toMatchObject({ Status: 'Suspended', SuspendedCause: 'AwaitingConfirmation', ProgressSummary: { TotalNumberOfTasks: 2, NumberOfTasksSucceeded: 0 } })
    await new Promise((r) => setTimeout(r, 200))
    expect((await describeJob(JobId!)).Status).toBe('Suspended')
    expect(await bytesAt(c, 'lake', `copy-${seq}/data/a.zip`)).toBeNull()
    const ok = await control.send(new UpdateJobStatusCommand({ AccountId: ACCOUNT, JobId, RequestedJobStatus: 'Ready', StatusUpdateReason: 'confirmed by test' }))
    expect(ok.Status).toBe('Ready')
    const done = (await watch(JobId!)).at(-1)!
    expect(done).toMatchObject({ Status: 'Complete', StatusUpdateReason: 'confirmed by test', ProgressSummary: { NumberOfTasksSucceeded: 2 } })
    await expect(control.send(new UpdateJobStatusCommand({ AccountId: ACCOUNT, JobId, RequestedJobStatus: 'Cancelled' }))).rejects.toMatchObject({ name: 'JobStatusException', $metadata: { httpStatusCode: 400 } })
  })

  it('a cancelled Suspended job ends Cancelled without copying', async () => {
    const { JobId } = await control.send(new CreateJobCommand(jobInput(await manifest(['data/a.zip']), { ConfirmationRequired: true })))
    await watch(JobId!, ['Suspended'])
    const r = await control.send(new UpdateJobStatusCommand({ AccountId: ACCOUNT, JobId, RequestedJobStatus: 'Cancelled' }))
    expect(r.Status).toBe('Cancelled')
    expect((await watch(JobId!)).at(-1)?.Status).toBe('Cancelled')
    expect(await bytesAt(c, 'lake', `copy-${seq}/data/a.zip`)).toBeNull()
  })

  it('a job cancelled while Active goes Cancelling → Cancelled, stops taking tasks, and reports what ran', async () => {
    const slow = await startS3ControlStandin({ s3, taskDelayMs: 150, concurrency: 1, stepMs: 10 })
    const client = new S3ControlClient(standinClientConfig(slow.endpoint))
    try {
      const { JobId } = await client.send(new CreateJobCommand(jobInput(await manifest(objects.map((o) => o.key)))))
      const job = slow.jobs.get(JobId!)!
      while (job.succeeded < 1) await new Promise((r) => setTimeout(r, 10))
      const r = await client.send(new UpdateJobStatusCommand({ AccountId: ACCOUNT, JobId, RequestedJobStatus: 'Cancelled', StatusUpdateReason: 'stop' }))
      expect(r.Status).toBe('Cancelling')
      const done = await slow.settled(JobId!)
      expect(done.status).toBe('Cancelled')
      const d = (await client.send(new DescribeJobCommand({ AccountId: ACCOUNT, JobId }))).Job!
      const ran = d.ProgressSummary!.NumberOfTasksSucceeded!
      expect(ran).toBeGreaterThanOrEqual(1)
      expect(ran).toBeLessThan(objects.length)
      const { rows } = await report(JobId!, `reports-${seq}`)
      expect(rows.succeeded).toHaveLength(ran)
    } finally {
      client.destroy()
      await slow.close()
    }
  })

  it('a key that does not exist fails exactly that task: 404 NoSuchKey in the failed report', async () => {
    const keys = ['data/a.zip', 'data/gone.zip', 'data/b.zip']
    const { JobId } = await control.send(new CreateJobCommand(jobInput(await manifest(keys))))
    const done = (await watch(JobId!)).at(-1)!
    expect(done).toMatchObject({ Status: 'Complete', ProgressSummary: { TotalNumberOfTasks: 3, NumberOfTasksSucceeded: 2, NumberOfTasksFailed: 1 } })
    const { manifest: m, rows } = await report(JobId!, `reports-${seq}`)
    expect(m.Results.map((r) => r.TaskExecutionStatus)).toEqual(['succeeded', 'failed'])
    expect(rows.failed).toHaveLength(1)
    expect(rows.failed[0].slice(0, 6)).toEqual(['src', 'data/gone.zip', '', 'failed', '404', 'NoSuchKey'])
    expect(rows.failed[0][6]).toMatch(/Status Code: 404; Error Code: NoSuchKey/)
    expect(await bytesAt(c, 'lake', `copy-${seq}/data/b.zip`)).not.toBeNull()
  })

  it('FailedTasksOnly reports just the failed tasks; a wrong manifest ETag fails the job before any task', async () => {
    const only = jobInput(await manifest(['data/a.zip', 'data/nope.zip']))
    only.Report = { ...only.Report!, ReportScope: 'FailedTasksOnly' }
    const a = await control.send(new CreateJobCommand(only))
    expect((await watch(a.JobId!)).at(-1)?.Status).toBe('Complete')
    const { manifest: m, rows } = await report(a.JobId!, `reports-${seq}`)
    expect(m.Results.map((r) => r.TaskExecutionStatus)).toEqual(['failed'])
    expect(rows.failed.map((r) => r[1])).toEqual(['data/nope.zip'])

    const loc = await manifest(['data/a.zip'])
    const b = await control.send(new CreateJobCommand(jobInput({ ...loc, ETag: '"0123456789abcdef0123456789abcdef"' })))
    const failed = (await watch(b.JobId!)).at(-1)!
    expect(failed.Status).toBe('Failed')
    expect(failed.FailureReasons?.[0]?.FailureCode).toBe('ManifestETagMismatch')
    expect(await bytesAt(c, 'lake', `copy-${seq}/data/a.zip`)).toBeNull()
    expect(standin.jobs.get(b.JobId!)?.reportKeys).toEqual([])
  })

  it('answers bad requests with S3 Control error codes the SDK names', async () => {
    const input = jobInput(await manifest(['data/a.zip']))
    await expect(control.send(new CreateJobCommand({ ...input, RoleArn: undefined } as unknown as CreateJobCommandInput))).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: expect.stringContaining('RoleArn'),
      $metadata: { httpStatusCode: 400 },
    })
    const lambda = { ...input, Operation: { LambdaInvoke: { FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } } }
    await expect(control.send(new CreateJobCommand(lambda))).rejects.toMatchObject({ name: 'InvalidRequest', message: expect.stringContaining('S3PutObjectCopy'), $metadata: { httpStatusCode: 400 } })
    await expect(describeJob('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ name: 'NoSuchJob', $metadata: { httpStatusCode: 404 } })
    await expect(control.send(new DescribeJobCommand({ AccountId: '210987654321', JobId: 'abcdef' }))).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
  })

  it('503 SlowDown on DescribeJob: retried by the SDK, seen by a client that does not retry', async () => {
    const { JobId } = await control.send(new CreateJobCommand(jobInput(await manifest(['data/a.zip']))))
    const before = standin.calls.DescribeJob
    standin.failNext('DescribeJob', 2)
    expect((await describeJob(JobId!)).JobId).toBe(JobId)
    expect(standin.calls.DescribeJob - before).toBe(3)
    const once = new S3ControlClient({ ...standinClientConfig(standin.endpoint), maxAttempts: 1 })
    standin.failNext('DescribeJob', 1)
    await expect(once.send(new DescribeJobCommand({ AccountId: ACCOUNT, JobId }))).rejects.toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } })
    once.destroy()
    await watch(JobId!)
  })

  it('disableHostPrefix alone does not reach a custom endpoint: the endpoint rules prefix the account id', async () => {
    const { endpointProvider: _pinned, ...config } = standinClientConfig(standin.endpoint)
    const plain = new S3ControlClient({ ...config, maxAttempts: 1 })
    await expect(plain.send(new DescribeJobCommand({ AccountId: ACCOUNT, JobId: 'abcdef' }))).rejects.toThrow(/Invalid URL/)
    plain.destroy()
  })
})
