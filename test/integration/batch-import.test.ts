// The completion report import against a real local S3: report files written in the format the
// S3 user guide documents ("Examples: S3 Batch Operations completion reports"), built here row by
// row, then read back through S3 into per-task results.
import { createHash } from 'node:crypto'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchState } from '../../src/main/batch-ops/batch-store'
import { importCompletionReport } from '../../src/main/batch-ops/import-report'
import { localClient } from '../../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { buildCompletionReport } from '../helpers/batch-report-fixture'

const REPORTS = 'batch-reports'
const PREFIX = 'archive-sync/batch'
const S3_JOB = 'f8fb9d89-a3aa-461d-bddc-ea6a1b131955'
let s3: LocalS3
let client: S3Client

beforeAll(async () => {
  s3 = await startS3Server({ buckets: [REPORTS] })
  client = localClient(s3)
})
afterAll(async () => {
  client?.destroy()
  await s3?.stop()
})

const md5 = (s: string) => createHash('md5').update(s).digest('hex')
const put = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: REPORTS, Key: key, Body: body }))

/** manifest.json and one result file per status, as S3 writes them under <prefix>/job-<id>/. */
async function writeReport(jobId: string, files: { status: 'succeeded' | 'failed'; rows: string[] }[], tamper?: (body: string) => string): Promise<void> {
  const results = []
  for (const [i, f] of files.entries()) {
    const body = f.rows.map((r) => `${r}\n`).join('')
    const key = `${PREFIX}/job-${jobId}/results/${md5(`${jobId}${i}`)}.csv`
    await put(key, tamper ? tamper(body) : body)
    results.push({ TaskExecutionStatus: f.status, Bucket: REPORTS, MD5Checksum: md5(body), Key: key })
  }
  const manifest = { Format: 'Report_CSV_20180820', ReportCreationDate: '2024-06-15T12:00:00.000Z', Results: results, ReportSchema: 'Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage' }
  await put(`${PREFIX}/job-${jobId}/manifest.json`, JSON.stringify(manifest))
}

const state = (s3JobId: string, status = 'Complete', extra: Partial<BatchState> = {}): BatchState => ({
  schemaVersion: 1,
  jobId: 'j',
  configHash: 'h',
  accountId: '111122223333',
  region: 'us-east-1',
  clientRequestToken: 'archive-sync-j',
  manifest: { bucket: REPORTS, key: 'm.csv', etag: 'e', objects: 4 },
  sdkTaskIds: [],
  phase: 'submitted',
  s3JobId,
  status,
  failureReasons: [],
  updatedAt: '2024-06-15T12:00:00.000Z',
  ...extra,
})

const KEYS = ['data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip', 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip.CHECKSUM', 'data/spot/daily/klines/ETH USDT/1h/ETH+1.zip', 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-02.zip']
const tasks = KEYS.map((sourceKey, id) => ({ id, sourceKey, size: 1000 + id }))
const enc = (k: string) => encodeURIComponent(k).replaceAll('%2F', '/')

describe('importCompletionReport', () => {
  it('turns every task into a result: succeeded rows synced with their size, failed rows with the code, class and message', async () => {
    await writeReport(S3_JOB, [
      { status: 'succeeded', rows: [`data.binance.vision,${enc(KEYS[0])},,succeeded,200,,Successful`, `data.binance.vision,${enc(KEYS[1])},,succeeded,200,,Successful`, `data.binance.vision,${enc(KEYS[2])},,succeeded,200,,Successful`] },
      { status: 'failed', rows: [`data.binance.vision,${enc(KEYS[3])},,failed,404,NoSuchKey,"The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey)"`] },
    ])
    const r = await importCompletionReport({ client, state: state(S3_JOB), reportBucket: REPORTS, reportPrefix: PREFIX, tasks })
    expect(r.location).toBe(`s3://${REPORTS}/${PREFIX}/job-${S3_JOB}/manifest.json`)
    expect(r.unknownRows).toBe(0)
    expect(r.results.slice(0, 3)).toEqual([0, 1, 2].map((id) => ({ id, outcome: 'synced', engine: 'batch-operations', bytes: 1000 + id, attempts: 1 })))
    const failed = r.results[3]
    expect(failed).toMatchObject({ id: 3, outcome: 'failed', engine: 'batch-operations', bytes: 0, errorClass: 'not-found' })
    expect(failed.reason).toMatch(/^NoSuchKey \(HTTP 404\): The specified key does not exist\..*\[Batch Operations job f8fb9d89-/)
  })

  it('an AccessDenied row is a permission failure with RE002 and its fix', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000001'
    await writeReport(id, [{ status: 'failed', rows: KEYS.map((k) => `data.binance.vision,${enc(k)},,failed,403,AccessDenied,Access Denied`) }])
    const r = await importCompletionReport({ client, state: state(id), reportBucket: REPORTS, reportPrefix: PREFIX, tasks })
    expect(r.results.every((x) => x.outcome === 'failed' && x.errorClass === 'permission')).toBe(true)
    expect(r.results[0].reason).toMatch(/RE002: access denied/)
  })

  it('a task the report does not mention fails, naming the job\'s state; rows of other keys are counted', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000002'
    await writeReport(id, [{ status: 'succeeded', rows: [`data.binance.vision,${enc(KEYS[0])},,succeeded,200,,Successful`, 'data.binance.vision,data/other.zip,,succeeded,200,,Successful'] }])
    const r = await importCompletionReport({ client, state: state(id, 'Cancelled', { statusReason: 'cancelled by archive-sync batch cancel' }), reportBucket: REPORTS, reportPrefix: PREFIX, tasks })
    expect(r.results.map((x) => x.outcome)).toEqual(['synced', 'failed', 'failed', 'failed'])
    expect(r.results[1].reason).toBe(`not in the completion report of Batch Operations job ${id} (Cancelled; cancelled by archive-sync batch cancel)`)
    expect(r.unknownRows).toBe(1)
  })

  it('a job that wrote no report (it ran no task) fails every task with its failure reasons', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000003'
    const r = await importCompletionReport({ client, state: state(id, 'Failed', { failureReasons: ['ManifestETagMismatch: the manifest changed'] }), reportBucket: REPORTS, reportPrefix: PREFIX, tasks })
    expect(r.location).toBeNull()
    expect(r.results.every((x) => x.outcome === 'failed')).toBe(true)
    expect(r.results[0].reason).toBe(`Batch Operations job ${id} wrote no completion report (Failed; ManifestETagMismatch: the manifest changed)`)
  })

  it('refuses a result file that is not the one manifest.json lists (MD5), rather than reading fewer failures', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000004'
    await writeReport(id, [{ status: 'failed', rows: KEYS.map((k) => `data.binance.vision,${enc(k)},,failed,404,NoSuchKey,x`) }], (b) => b.split('\n').slice(1).join('\n'))
    await expect(importCompletionReport({ client, state: state(id), reportBucket: REPORTS, reportPrefix: PREFIX, tasks })).rejects.toThrow(/has MD5 .* the report's manifest says/)
  })

  it('a key S3 retried counts once, as synced when any of its rows succeeded', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000005'
    await writeReport(id, [
      { status: 'succeeded', rows: KEYS.map((k) => `data.binance.vision,${enc(k)},,succeeded,200,,Successful`) },
      { status: 'failed', rows: [`data.binance.vision,${enc(KEYS[0])},,failed,503,SlowDown,Please reduce your request rate.`] },
    ])
    const r = await importCompletionReport({ client, state: state(id), reportBucket: REPORTS, reportPrefix: PREFIX, tasks })
    expect(r.results.map((x) => x.outcome)).toEqual(['synced', 'synced', 'synced', 'synced'])
  })
})

describe('importCompletionReport on the fixture generator\'s reports (test/helpers/batch-report-fixture.ts)', () => {
  it('reads a generated AllTasks report: every key back to its task, keys with spaces and + included', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000006'
    const report = buildCompletionReport({
      jobId: id,
      reportBucket: REPORTS,
      prefix: PREFIX,
      scope: 'AllTasks',
      createdAt: new Date('2024-06-15T12:00:00Z'),
      outcomes: [
        ...KEYS.slice(0, 3).map((key) => ({ bucket: 'data.binance.vision', key, status: 'succeeded' as const, httpStatus: 200 })),
        { bucket: 'data.binance.vision', key: KEYS[3], status: 'failed' as const, httpStatus: 404, errorCode: 'NoSuchKey', message: 'The specified key does not exist.' },
      ],
    })
    for (const f of report.files) await put(f.key, f.body)
    const r = await importCompletionReport({ client, state: state(id), reportBucket: REPORTS, reportPrefix: PREFIX, tasks })
    expect(r.location).toBe(`s3://${REPORTS}/${report.manifestKey}`)
    expect(r.results.map((x) => x.outcome)).toEqual(['synced', 'synced', 'synced', 'failed'])
    expect(r.results[3]).toMatchObject({ errorClass: 'not-found', reason: expect.stringMatching(/^NoSuchKey \(HTTP 404\): The specified key does not exist\./) })
  })
})
