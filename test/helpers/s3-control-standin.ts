// A STAND-IN for the AWS S3 Control service (S3 Batch Operations), for tests only: a loopback HTTP
// server that answers three calls exactly as @aws-sdk/client-s3-control sends them (REST-XML):
//   CreateJob        POST /v20180820/jobs                       (S3PutObjectCopy, CSV manifest)
//   DescribeJob      GET  /v20180820/jobs/{id}
//   UpdateJobStatus  POST /v20180820/jobs/{id}/status?requestedJobStatus=Ready|Cancelled
// and runs each job against a local S3 (s3rver): reads the manifest, CopyObjects every listed key
// to TargetResource under TargetKeyPrefix + key, and writes AWS's completion report layout
// (batch-report-fixture.ts) to the report bucket: <Prefix>/job-<id>/manifest.json + results/*.csv.
//
// NOT modelled: IAM (RoleArn is checked for shape only, never assumed; SigV4 signatures are not
// verified, only required), regions and endpoints per region, real throughput and AWS's own pacing,
// cross-account bucket policies and Object Ownership, the 50 %-failed-tasks job failure threshold,
// other operations, inventory-report manifests, manifest generators, tags, priorities' effect.
//
// Pointing the real client here. With a custom `endpoint` the client's endpoint rules (not the
// operation's host-prefix trait, which these commands do not have in 3.11xx) turn the host into
// `{AccountId}.{endpoint host}`: `http://123456789012.127.0.0.1:<port>` is not even a valid URL,
// and `123456789012.localhost` does not resolve. `disableHostPrefix: true` does NOT stop that —
// a client must pin the endpoint with `endpointProvider` (see standinClientConfig below). The
// account id still travels in the `x-amz-account-id` header, which the stand-in requires.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import type { S3ClientConfig } from '@aws-sdk/client-s3'
import type { S3ControlClientConfig } from '@aws-sdk/client-s3-control'
import { localClient, type S3Target } from '../../src/main/dev/fixtures'
import { elapsedActiveSeconds, newJob, requestStatus, runJob, TERMINAL, type Job, type RunnerOptions } from './s3-control-jobs'
import { ControlError, createJobResultXml, describeJobResultXml, errorXml, parseCreateJob, updateJobStatusResultXml } from './s3-control-xml'

type ControlOperation = 'CreateJob' | 'DescribeJob' | 'UpdateJobStatus'

export interface StandinOptions {
  /** The local S3 the jobs read and write (a LocalS3 from startS3Server fits). */
  s3: S3Target
  /** The only account the stand-in serves (x-amz-account-id); default 123456789012. */
  accountId?: string
  /** Pause before each status step; default 30 ms. */
  stepMs?: number
  /** Pause before each task's copy; default 0. */
  taskDelayMs?: number
  /** Copies in flight per job; default 4. */
  concurrency?: number
}

interface Fault {
  status: number
  code: string
  message?: string
}

export interface S3ControlStandin {
  endpoint: string
  accountId: string
  region: string
  /** Every job created, by id: tests may read a job's outcomes and report keys. */
  jobs: ReadonlyMap<string, Job>
  /** Requests answered per operation (faults included). */
  calls: Record<ControlOperation, number>
  /** The next `times` requests for `op` get `fault` (e.g. 503 SlowDown) instead of an answer. */
  failNext(op: ControlOperation, times: number, fault?: Fault): void
  /** Resolves when the job reaches Complete, Failed or Cancelled (or rejects after timeoutMs). */
  settled(jobId: string, timeoutMs?: number): Promise<Job>
  close(): Promise<void>
}

/** What a real S3ControlClient needs to talk to the stand-in (static test credentials). */
export function standinClientConfig(endpoint: string, region = 'us-east-1'): S3ControlClientConfig {
  return {
    region,
    endpoint,
    endpointProvider: () => ({ url: new URL(endpoint) }),
    disableHostPrefix: true,
    credentials: { accessKeyId: 'STANDIN', secretAccessKey: 'STANDIN' },
  }
}

const JOB_PATH = /^\/v20180820\/jobs(?:\/([A-Za-z0-9_-]{5,36})(\/status)?)?$/

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

export async function startS3ControlStandin(opts: StandinOptions): Promise<S3ControlStandin> {
  const accountId = opts.accountId ?? '123456789012'
  const region = 'us-east-1'
  const s3 = localClient(opts.s3, { maxAttempts: 2 } satisfies S3ClientConfig)
  const ac = new AbortController()
  const jobs = new Map<string, Job>()
  const byToken = new Map<string, string>()
  const running = new Set<Promise<void>>()
  const faults: Partial<Record<ControlOperation, { left: number; fault: Fault }>> = {}
  const calls: Record<ControlOperation, number> = { CreateJob: 0, DescribeJob: 0, UpdateJobStatus: 0 }
  const runner: RunnerOptions = { s3, stepMs: opts.stepMs ?? 30, taskDelayMs: opts.taskDelayMs ?? 0, concurrency: opts.concurrency ?? 4, signal: ac.signal }

  const jobOf = (id: string): Job => {
    const job = jobs.get(id)
    if (!job) throw new ControlError(404, 'NoSuchJob', 'The specified job does not exist')
    return job
  }

  function createJob(body: string): string {
    const request = parseCreateJob(body)
    const token = request.input.ClientRequestToken
    const earlier = byToken.get(token)
    if (earlier) {
      // Same token, same request: the same job, no second one. Same token, another request: refused.
      if (JSON.stringify(jobs.get(earlier)!.request.raw) !== JSON.stringify(request.raw)) throw new ControlError(409, 'IdempotencyException', 'The ClientRequestToken was already used for a different request')
      return createJobResultXml(earlier)
    }
    const job = newJob(request)
    jobs.set(job.id, job)
    byToken.set(token, job.id)
    const run = runJob(job, runner).finally(() => running.delete(run))
    running.add(run)
    return createJobResultXml(job.id)
  }

  function describe(job: Job): string {
    const { raw, input } = job.request
    return describeJobResultXml({
      JobId: job.id,
      JobArn: `arn:aws:s3:${region}:${accountId}:job/${job.id}`,
      Status: job.status,
      ConfirmationRequired: String(input.ConfirmationRequired ?? false),
      ...(input.Description ? { Description: input.Description } : {}),
      Manifest: raw.Manifest,
      Operation: raw.Operation,
      Priority: input.Priority,
      RoleArn: input.RoleArn,
      Report: raw.Report,
      CreationTime: job.created.toISOString(),
      ...(job.terminated ? { TerminationDate: job.terminated.toISOString() } : {}),
      ...(job.suspended ? { SuspendedDate: job.suspended.toISOString(), SuspendedCause: 'AwaitingConfirmation' } : {}),
      ...(job.statusUpdateReason ? { StatusUpdateReason: job.statusUpdateReason } : {}),
      ...(job.failures.length ? { FailureReasons: { member: job.failures } } : {}),
      ProgressSummary: {
        TotalNumberOfTasks: job.total ?? 0,
        NumberOfTasksSucceeded: job.succeeded,
        NumberOfTasksFailed: job.failed,
        Timers: { ElapsedTimeInActiveSeconds: elapsedActiveSeconds(job) },
      },
    })
  }

  async function route(req: IncomingMessage, url: URL): Promise<{ op: ControlOperation; xml: () => string }> {
    const m = JOB_PATH.exec(url.pathname)
    const [, id, status] = m ?? []
    if (m && req.method === 'POST' && !id) {
      const body = await readBody(req)
      return { op: 'CreateJob', xml: () => createJob(body) }
    }
    if (m && req.method === 'GET' && id && !status) return { op: 'DescribeJob', xml: () => describe(jobOf(id)) }
    if (m && req.method === 'POST' && id && status) {
      const requested = url.searchParams.get('requestedJobStatus')
      const reason = url.searchParams.get('statusUpdateReason') ?? undefined
      return {
        op: 'UpdateJobStatus',
        xml: () => {
          if (requested !== 'Ready' && requested !== 'Cancelled') throw new ControlError(400, 'InvalidRequest', 'requestedJobStatus must be Ready or Cancelled')
          const job = jobOf(id)
          return updateJobStatusResultXml(job.id, requestStatus(job, requested, reason), reason)
        },
      }
    }
    throw new ControlError(501, 'NotImplemented', `stand-in: ${req.method} ${url.pathname} is not one of CreateJob, DescribeJob, UpdateJobStatus`)
  }

  function check(req: IncomingMessage): void {
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) throw new ControlError(403, 'AccessDenied', 'Access Denied (stand-in: the request is not SigV4-signed)')
    const account = req.headers['x-amz-account-id']
    if (!account) throw new ControlError(400, 'InvalidRequest', 'Missing required header x-amz-account-id')
    if (account !== accountId) throw new ControlError(403, 'AccessDenied', `Access Denied (stand-in serves account ${accountId} only)`)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId, 'x-amz-id-2': requestId })
      res.end(body)
    }
    try {
      const url = new URL(req.url ?? '/', 'http://standin')
      const { op, xml } = await route(req, url)
      calls[op]++
      const f = faults[op]
      if (f && f.left > 0) {
        f.left--
        return send(f.fault.status, errorXml(f.fault.code, f.fault.message ?? 'Please reduce your request rate.', requestId))
      }
      check(req)
      send(200, xml())
    } catch (err) {
      const e = err instanceof ControlError ? err : new ControlError(500, 'InternalError', `stand-in: ${(err as Error).message}`)
      send(e.status, errorXml(e.code, e.message, requestId))
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    endpoint: `http://127.0.0.1:${port}`,
    accountId,
    region,
    jobs,
    calls,
    failNext: (op, times, fault = { status: 503, code: 'SlowDown' }) => void (faults[op] = { left: times, fault }),
    async settled(jobId, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const job = jobOf(jobId)
        if (TERMINAL.has(job.status)) return job
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    async close() {
      ac.abort(new Error('stand-in closed'))
      await Promise.allSettled([...running])
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      s3.destroy()
    },
  }
}
