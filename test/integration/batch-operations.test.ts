// The whole Batch Operations loop as a user runs it, with the built CLI: `batch submit` →
// `batch status` (watch) → `batch import`, against a real local S3 (s3rver) and a STAND-IN for
// S3 Control (test/helpers/s3-control-standin.ts: CreateJob, DescribeJob and UpdateJobStatus over
// HTTP, copying the manifest's objects on s3rver and writing a completion report in AWS's format).
// It is not AWS: no IAM, no role assumed, no regions, no bucket policies (README, "Very large backfills").
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { CreateBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { tmpdir } from 'node:os'
import type { TaskResult } from '../../src/shared/contract'
import { validateConfig } from '../../src/shared/config/validate'
import { readBatchState, writeBatchState } from '../../src/main/batch-ops/batch-store'
import { createBatchEngine } from '../../src/main/batch-ops/engine'
import { destinationEndpoint, sourceEndpoint } from '../../src/main/s3/clients'
import { getBytes, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'
import { startS3ControlStandin, type S3ControlStandin } from '../helpers/s3-control-standin'

const run = promisify(execFile)
const BIN = join(process.cwd(), 'bin/archive-sync.js')
const ACCOUNT = '123456789012'
const REPORTS = 'batch-reports'
const SYMBOLS = ['BTCUSDT', 'ETHUSDT']
let env: LocalArchive
let standin: S3ControlStandin

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'out/main/cli.js'))) throw new Error('Build first: npm run build (the CLI runs from out/main)')
  // 2 symbols × 6 days × (zip + .CHECKSUM) = 24 objects.
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: SYMBOLS, intervals: ['1h'], start: '2024-01-01', end: '2024-01-06' }])
  await env.client.send(new CreateBucketCommand({ Bucket: REPORTS }))
  // Paced so that a watch sees the job move: 24 copies, 2 at a time, 250 ms each (~3 s).
  standin = await startS3ControlStandin({ s3: env.s3, accountId: ACCOUNT, taskDelayMs: 250, concurrency: 2, stepMs: 30 })
})
afterAll(async () => {
  await standin?.close()
  await env?.stop()
})

const job = (extra: Record<string, unknown> = {}) => ({
  ...env.base,
  operation_mode: 'batch_operations',
  destination_prefix: 'bronze/binance',
  markets: ['spot'],
  symbols: SYMBOLS,
  data_types: ['klines'],
  intervals: ['1h'],
  date_range: { start: '2024-01-01', end: '2024-01-06' },
  batch_operations: { account_id: ACCOUNT, role_arn: `arn:aws:iam::${ACCOUNT}:role/archive-sync-batch`, report_bucket: REPORTS, report_prefix: 'ops/batch', confirmation_required: true, control_endpoint_url: standin.endpoint },
  ...extra,
})

async function cli(args: string[], config?: Record<string, unknown>) {
  const file = join(env.dataDir, `job-${Math.random().toString(36).slice(2)}.json`)
  if (config) await writeFile(file, JSON.stringify(config))
  const full = [...args, ...(config ? ['--config', file] : []), '--data-dir', env.dataDir]
  try {
    const r = await run(BIN, full, { env: { ...process.env, AWS_REGION: '', AWS_ENDPOINT_URL: '' } })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
const jsonLines = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)

describe('archive-sync batch: submit → status → import against the S3 Control stand-in', () => {
  it('copies the plan through Batch Operations, follows it, imports every task, verifies and reports', async () => {
    const config = job()
    const keys = env.objects.map((o) => o.key).sort()
    expect(keys).toHaveLength(24)
    const gone = keys.find((k) => k.endsWith('2024-01-04.zip') && k.includes('ETHUSDT'))!

    // Submit: a job that waits for confirmation, so a key can vanish from the archive before it runs.
    const submitted = await cli(['batch', 'submit', '--json'], config)
    expect(submitted.code, submitted.stderr).toBe(0)
    const s = jsonLines(submitted.stdout).at(-1)!
    expect(s).toMatchObject({ type: 'batch-submitted', existing: false, phase: 'submitted', manifestObjects: 24, partCopyObjects: 0 })
    const jobId = s.jobId as string
    const s3JobId = s.s3JobId as string
    await vi.waitFor(() => expect(standin.jobs.get(s3JobId)?.status).toBe('Suspended'))
    const dir = join(env.dataDir, 'jobs', jobId)
    const manifest = (await readBatchState(dir))!.manifest
    const lines = (await getBytes(env.client, REPORTS, manifest.key)).toString().split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.sort()).toEqual(keys.map((k) => `${SOURCE_BUCKET},${k}`))

    // The dry run of a submitted configuration prints that job's own request: what S3 received.
    const dry = await cli(['batch', 'submit', '--dry-run'], config)
    const printed = JSON.parse(dry.stdout) as { ClientRequestToken: string; Manifest: { Location: { ObjectArn: string; ETag: string } }; Operation: unknown; Priority: number; RoleArn: string }
    const received = standin.jobs.get(s3JobId)!.request.input
    expect(printed.ClientRequestToken).toBe(`archive-sync-${jobId}`)
    expect(received).toMatchObject({ ClientRequestToken: printed.ClientRequestToken, Priority: printed.Priority, RoleArn: printed.RoleArn, Operation: printed.Operation })
    expect(received.Manifest.Location).toMatchObject(printed.Manifest.Location)
    expect(dry.stderr).toContain(`This is job ${jobId}'s request (already created as ${s3JobId})`)

    // A retried submit makes no second job: the same configuration finds it...
    const again = await cli(['batch', 'submit', '--json'], config)
    expect(jsonLines(again.stdout).at(-1)).toMatchObject({ jobId, s3JobId, existing: true })
    expect(standin.calls.CreateJob).toBe(1)
    // ...and a submit that died after sending CreateJob, before writing the id, sends the same token: S3 answers with the same job.
    const state = (await readBatchState(dir))!
    const { s3JobId: _id, ...withoutId } = state
    await writeBatchState(dir, { ...withoutId, phase: 'manifest-uploaded', status: undefined })
    const resent = await cli(['batch', 'submit', '--json'], config)
    expect(jsonLines(resent.stdout).at(-1)).toMatchObject({ jobId, s3JobId, existing: true })
    expect(standin.calls.CreateJob).toBe(2)
    expect(standin.jobs.size).toBe(1)

    await env.client.send(new DeleteObjectCommand({ Bucket: SOURCE_BUCKET, Key: gone }))
    const confirmed = await cli(['batch', 'confirm'], config)
    expect(confirmed.code, confirmed.stderr).toBe(0)

    // Watch: the usual events, DescribeJob's counts on the progress snapshots, until the job ends.
    const watched = await cli(['batch', 'status', '--json'], config)
    expect(watched.code, watched.stderr).toBe(0)
    const events = jsonLines(watched.stdout)
    const snaps = events.filter((e) => e.type === 'snapshot').map((e) => e.snapshot as { done: { objects: number; synced: number; failed: number }; total: { objects: number }; engine: string })
    expect(snaps.length).toBeGreaterThan(1)
    expect(snaps.every((x) => x.total.objects === 24 && x.engine === 'batch-operations')).toBe(true)
    expect(snaps.at(-1)!.done).toMatchObject({ objects: 24, synced: 23, failed: 1 })
    expect(events.at(-1)).toMatchObject({ type: 'batch-status', jobId, s3JobId, status: 'Complete', progress: { total: 24, succeeded: 23, failed: 1 } })

    // Import: per-task results from the completion report, verification, the usual report.
    const imported = await cli(['batch', 'import', jobId, '--json'], config)
    expect(imported.code, imported.stderr).toBe(1)
    const out = jsonLines(imported.stdout)
    const report = out.at(-1) as Record<string, unknown> & { failures: { source_key: string; error: string; error_class: string }[]; batch_operations: Record<string, unknown> }
    const results = out.filter((l) => l.type === 'task-batch').flatMap((l) => l.results as { id: number; outcome: string; engine: string; key: string }[])
    expect(results).toHaveLength(24)
    expect(results.filter((r) => r.outcome === 'synced')).toHaveLength(23)
    expect(results.every((r) => r.engine === 'batch-operations')).toBe(true)
    expect(report).toMatchObject({ job_id: jobId, status: 'failed', mode_selected: 'batch_operations', files_synced: 23, files_failed: 1, files_skipped: 0, total_files_processed: 24, files_verified: 23, engines: { 'batch-operations': 23 } })
    const bytes = env.objects.filter((o) => o.key !== gone).reduce((a, o) => a + o.body.length, 0)
    expect(report.bytes_transferred).toBe(bytes)
    expect(report.failures).toHaveLength(1)
    expect(report.failures[0]).toMatchObject({ source_key: gone, error_class: 'not-found' })
    expect(report.failures[0].error).toMatch(/^NoSuchKey \(HTTP 404\)/)
    // Batch Operations' own prices from `pricing`: $0.25 a job, $1 per million objects, and S3's COPY requests.
    expect(report.batch_operations).toEqual({
      s3_job_id: s3JobId,
      status: 'Complete',
      tasks_total: 24,
      tasks_succeeded: 23,
      tasks_failed: 1,
      routed_to_sdk: 0,
      completion_report: `s3://${REPORTS}/ops/batch/job-${s3JobId}/manifest.json`,
      // The stand-in's Active stretch: 24 copies, 2 at a time, 250 ms each.
      active_seconds: expect.any(Number),
      cost_usd: { job: 0.25, objects: 0.000024, copy_requests: 0.00012, total: 0.250144 },
    })
    expect(report.batch_operations.active_seconds as number).toBeGreaterThan(2)
    // What landed is byte for byte the archive's, under the prefix, and nothing for the missing key.
    const landed = await listKeys(env.client, LAKE_BUCKET, 'bronze/binance/')
    expect(landed).toEqual(keys.filter((k) => k !== gone).map((k) => `bronze/binance/${k}`))
    for (const o of env.objects.filter((x) => x.key !== gone)) expect((await getBytes(env.client, LAKE_BUCKET, `bronze/binance/${o.key}`)).equals(o.body)).toBe(true)
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))).toMatchObject({ mode_selected: 'batch_operations', files_synced: 23 })
    expect((await readBatchState(dir))!.phase).toBe('imported')
  }, 60_000)

  it('archive-sync run does submit, watch and import in one process, with DescribeJob\'s counts on its progress events', async () => {
    // verify sha256: a HEAD per zip asks for S3's SHA-256 (s3rver keeps none), then the verifier reads the zip back.
    const config = job({ destination_prefix: 'one-go', verify: 'sha256', batch_operations: { account_id: ACCOUNT, role_arn: `arn:aws:iam::${ACCOUNT}:role/r`, report_bucket: REPORTS, control_endpoint_url: standin.endpoint } })
    const jobsBefore = standin.jobs.size
    const r = await cli(['run', '--json'], config)
    expect(r.code, r.stderr).toBe(0)
    const lines = jsonLines(r.stdout)
    const report = lines.at(-1) as Record<string, unknown>
    const n = (await listKeys(env.client, LAKE_BUCKET, 'one-go/')).length
    expect(report).toMatchObject({ status: 'completed', mode_selected: 'batch_operations', files_synced: n, files_failed: 0, files_verified: n, verify_level: 'sha256' })
    expect(report.verification_methods).toMatchObject({ 'sha256-get': n / 2 })
    expect(standin.jobs.size).toBe(jobsBefore + 1)
    // Before the import, the snapshots' done counts are the service's: they rise with no task results yet.
    const early = lines.findIndex((l) => l.type === 'task-batch')
    const moving = lines.slice(0, early).filter((l) => l.type === 'snapshot').map((l) => (l.snapshot as { done: { objects: number } }).done.objects)
    expect(moving.some((x) => x > 0)).toBe(true)
  }, 60_000)

  it('batch submit --dry-run prints the exact CreateJob input as JSON and sends nothing', async () => {
    const before = { ...standin.calls }
    const config = job({ destination_prefix: 'dry', batch_operations: { account_id: ACCOUNT, role_arn: `arn:aws:iam::${ACCOUNT}:role/r`, report_bucket: REPORTS, control_endpoint_url: standin.endpoint } })
    const r = await cli(['batch', 'submit', '--dry-run'], config)
    expect(r.code, r.stderr).toBe(0)
    const input = JSON.parse(r.stdout) as Record<string, unknown>
    expect(input).toMatchObject({
      AccountId: ACCOUNT,
      ClientRequestToken: expect.stringMatching(/^archive-sync-\d{14}-[0-9a-f]{6}$/),
      ConfirmationRequired: false,
      Priority: 10,
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
      Operation: { S3PutObjectCopy: { TargetResource: `arn:aws:s3:::${LAKE_BUCKET}`, TargetKeyPrefix: 'dry/', MetadataDirective: 'COPY', ChecksumAlgorithm: 'SHA256' } },
      Manifest: { Spec: { Format: 'S3BatchOperations_CSV_20180820', Fields: ['Bucket', 'Key'] }, Location: { ObjectArn: expect.stringMatching(new RegExp(`^arn:aws:s3:::${REPORTS}/archive-sync/batch/\\d{14}-[0-9a-f]{6}/manifest.csv$`)), ETag: expect.stringMatching(/^[0-9a-f]{32}$/) } },
      Report: { Bucket: `arn:aws:s3:::${REPORTS}`, Format: 'Report_CSV_20180820', Enabled: true, Prefix: 'archive-sync/batch', ReportScope: 'AllTasks' },
    })
    const plan = jsonLines((await cli(['plan', '--json'], config)).stdout).at(-1) as { toCopy: number; batchOperations: { objects: number } }
    expect(plan.batchOperations.objects).toBe(plan.toCopy)
    expect(r.stderr).toContain(`Dry run: nothing uploaded or sent. Manifest: ${plan.toCopy} objects`)
    expect(standin.calls).toEqual(before)
  })

  it('refuses a layout Batch Operations cannot express, with its code, before any request', async () => {
    const r = await cli(['batch', 'submit'], job({ destination_layout: 'hive' }))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/CE036 destination_layout: .*mirror only/)
  })
})

describe('objects over Batch Operations\' copy limit', () => {
  it('go to the SDK\'s copy, the rest to Batch Operations, and the report says how many', async () => {
    const r = validateConfig(job({ destination_prefix: 'eng', batch_operations: { account_id: ACCOUNT, role_arn: `arn:aws:iam::${ACCOUNT}:role/r`, report_bucket: REPORTS, control_endpoint_url: standin.endpoint } }), { jobFile: true })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const config = r.config
    const objects = (await listKeys(env.client, SOURCE_BUCKET)).map((key) => env.objects.find((o) => o.key === key)!)
    const tasks = objects.map((o, id) => ({ id, sourceKey: o.key, destKey: `eng/${o.key}`, size: o.body.length }))
    // The limit lowered from 5 GiB to 200 bytes: every zip is "too large", every .CHECKSUM (~100 bytes) is not.
    const limit = 200
    const dir = await mkdtemp(join(tmpdir(), 'archive-sync-batch-engine-'))
    const engine = createBatchEngine({ config, jobId: 'engine-test', label: 'l', dir, configHash: 'h', source: sourceEndpoint(config), destination: destinationEndpoint(config), copyLimit: limit })
    const results: TaskResult[] = []
    await engine.run(tasks, { signal: new AbortController().signal, onResult: (x) => results.push(x), log: () => undefined }).finally(() => rm(dir, { recursive: true, force: true }))
    const large = tasks.filter((t) => t.size > limit)
    expect(large.length).toBeGreaterThan(0)
    expect(results).toHaveLength(tasks.length)
    expect(results.every((x) => x.outcome === 'synced')).toBe(true)
    for (const t of tasks) expect(results.find((x) => x.id === t.id)!.engine).toBe(t.size > limit ? 'sdk-copy' : 'batch-operations')
    expect(engine.batchReport()).toMatchObject({ routed_to_sdk: large.length, tasks_total: tasks.length - large.length, tasks_succeeded: tasks.length - large.length })
    for (const o of objects) expect((await getBytes(env.client, LAKE_BUCKET, `eng/${o.key}`)).equals(o.body)).toBe(true)
  }, 60_000)
})
