// The headless CLI as a user runs it: the built `archive-sync` binary against a local S3.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBytes, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const run = promisify(execFile)
const BIN = join(process.cwd(), 'bin/archive-sync.js')
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT']
let env: LocalArchive

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'out/main/cli.js'))) throw new Error('Build first: npm run build (the CLI runs from out/main)')
  // 5 symbols × 50 days × (zip + .CHECKSUM) = 500 objects.
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: SYMBOLS, intervals: ['1h'], start: '2024-01-01', end: '2024-02-19' }])
})
afterAll(() => env?.stop())

async function cli(config: Record<string, unknown>, ...args: string[]) {
  const file = join(env.dataDir, `job-${Math.random().toString(36).slice(2)}.json`)
  await writeFile(file, JSON.stringify(config))
  try {
    const r = await run(process.execPath, [BIN, 'run', '--config', file, '--data-dir', env.dataDir, ...args], { env: { ...process.env, AWS_REGION: '', AWS_ENDPOINT_URL: '' } })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const selection = { markets: ['spot'], symbols: SYMBOLS, data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-01-01', end: '2024-02-19' } }

describe('archive-sync run', () => {
  it('copies a 500-object slice, prints JSON events then the report, and exits 0', async () => {
    const r = await cli({ ...env.base, ...selection, destination_prefix: 'cli' }, '--json')
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ type: 'job', jobId: expect.any(String) })
    const report = lines.at(-1)
    expect(report).toMatchObject({ job_id: lines[0].jobId, files_synced: 500, files_skipped: 0, files_failed: 0, total_files_processed: 500, success_rate: '100.00%', status: 'completed' })
    expect(report.bytes_transferred).toBe(env.objects.reduce((a, o) => a + o.body.length, 0))
    const keys = await listKeys(env.client, LAKE_BUCKET, 'cli/')
    expect(keys).toHaveLength(500)
    const sample = env.objects[137]
    expect((await getBytes(env.client, LAKE_BUCKET, `cli/${sample.key}`)).equals(await getBytes(env.client, SOURCE_BUCKET, sample.key))).toBe(true)
    // Progress is coalesced: snapshots at least ~a second apart, whatever the file rate.
    const at = lines.filter((l) => l.type === 'snapshot').map((l) => l.snapshot.at as number)
    for (let i = 1; i < at.length - 1; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(900)
    expect(lines.filter((l) => l.type === 'task-batch').flatMap((l) => l.results)).toHaveLength(500)
  })

  it('exits 1 and names the error when objects fail', async () => {
    const r = await cli({ ...env.base, ...selection, symbols: ['BTCUSDT'], date_range: { start: '2024-01-01', end: '2024-01-01' }, destination_bucket: 'missing-bucket' })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/Listing the destination s3:\/\/missing-bucket\/.*NoSuchBucket.*Create the bucket or correct destination_bucket/)
  })

  it.each([
    ['CE001', { enable_s3_direct_sync: true, destination_bucket: undefined }],
    ['CE002', { operation_mode: 'fastest' }],
    ['CE003', { performance_optimization: { batch_size: 5000 } }],
    ['CE003', { performance_optimization: { max_concurrent: 0 } }],
    ['CE004', { date_range: { start: '2024-02-10', end: '2024-02-01' } }],
    ['CE004', { date_range: { start: '2024-02-31', end: '2024-03-01' } }],
    ['CE005', { markets: ['forex'] }],
  ])('rejects a bad config with %s and exit code 2, before any request', async (code, patch) => {
    // An endpoint where nothing listens: any request would fail with a network error instead.
    const dead = { endpoint_url: 'http://127.0.0.1:9', region: 'us-east-1' }
    const r = await cli({ ...env.base, ...selection, s3_config: dead, source: { endpoint_url: dead.endpoint_url }, ...patch })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(code)
    expect(r.stderr).toMatch(/Fix: /)
    expect(r.stdout).toBe('')
  })
})
