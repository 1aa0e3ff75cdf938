// The headless CLI as a user runs it: the built `archive-sync` binary against a local S3.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeArchiveFile, seedBucket } from '../../src/main/dev/fixtures'
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
  return command('run', config, '--data-dir', env.dataDir, ...args)
}

async function command(name: string, config: Record<string, unknown>, ...args: string[]) {
  const file = join(env.dataDir, `job-${Math.random().toString(36).slice(2)}.json`)
  await writeFile(file, JSON.stringify(config))
  try {
    // As an installed `archive-sync` runs: the file as a program, so its shebang's V8 flags apply.
    const r = await run(BIN, [name, '--config', file, ...args], { env: { ...process.env, AWS_REGION: '', AWS_ENDPOINT_URL: '' } })
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

  it('names the source when both buckets are missing (both sides are listed at once)', async () => {
    const source = { ...(env.base.source as object), bucket: 'missing-source' }
    const r = await cli({ ...env.base, ...selection, symbols: ['BTCUSDT'], date_range: { start: '2024-01-01', end: '2024-01-01' }, source, destination_bucket: 'missing-bucket' })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/Listing the source s3:\/\/missing-source\/.*NoSuchBucket.*Correct source.bucket/)
    expect(r.stderr).not.toMatch(/missing-bucket/)
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

describe('archive-sync plan', () => {
  const day = { ...selection, symbols: ['BTCUSDT', 'ETHUSDT'], date_range: { start: '2024-01-01', end: '2024-01-02' } }

  it('prints the plan as JSON with every missing key, without copying', async () => {
    const r = await command('plan', { ...env.base, ...day, date_range: { start: '2023-12-31', end: '2024-01-02' }, destination_prefix: 'plan-only' }, '--json')
    expect(r.code, r.stderr).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(plan).toMatchObject({ objects: 8, toCopy: 8, missing: 2 })
    expect(plan.missingKeys).toEqual(['data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2023-12-31.zip', 'data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2023-12-31.zip'])
    expect(plan.estimate).toMatchObject({ mode: 'server-side', requests: { copy: 8 } })
    expect(await listKeys(env.client, LAKE_BUCKET, 'plan-only/')).toEqual([])
  })

  it('writes an S3 Batch Operations manifest and an s5cmd run file', async () => {
    const csv = join(env.dataDir, 'manifest.csv')
    const txt = join(env.dataDir, 'batch.txt')
    expect((await command('plan', { ...env.base, ...day }, '--out', csv)).code).toBe(0)
    expect((await command('plan', { ...env.base, ...day, destination_prefix: 'from-batch' }, '--out', txt)).code).toBe(0)
    const rows = (await readFile(csv, 'utf8')).trim().split('\n')
    expect(rows).toHaveLength(8)
    expect(rows[0]).toBe('data.binance.vision,data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip')
    const batch = (await readFile(txt, 'utf8')).split('\n')
    expect(batch.filter((l) => l.startsWith('cp '))).toHaveLength(8)
    expect(batch).toContain(
      "cp --raw=true 's3://data.binance.vision/data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-01-02.zip.CHECKSUM' 's3://lake/from-batch/data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-01-02.zip.CHECKSUM'",
    )
    expect(batch.some((l) => l.startsWith('#   s5cmd --json --log debug --numworkers 10 --retry-count 3 --endpoint-url http://127.0.0.1:'))).toBe(true)
    expect(batch.join('\n')).not.toContain('S3RVER') // credentials never written
  })

  it('refuses an --out it cannot write', async () => {
    const r = await command('plan', { ...env.base, ...day }, '--out', join(env.dataDir, 'plan.xlsx'))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--out takes a \.csv .* or a \.txt/)
  })
})

describe('archive-sync catalog', () => {
  it('prints the matrix with frequencies, intervals and statuses', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'catalog'])
    expect(stdout).toMatch(/^ {2}fundingRate +monthly +-/m)
    // Intervals per frequency: spot daily trees have no 3d/1w/1mo.
    expect(stdout).toMatch(/^ {2}klines +daily\+monthly +daily: 1s 1m [^|]* 1d \| monthly: 1s 1m .* 1d 3d\* 1w\* 1mo\*$/m)
    expect(stdout).toMatch(/indexPriceKlines .*\(folder is the pair, e\.g\. BTCUSD\)/)
    expect(stdout).toMatch(/liquidationSnapshot +daily +- \[removed/)
  })
})


describe('the archive as it is: intervals per frequency, auto from the listing, labels', () => {
  it('1w with daily exits 2 with CE007, naming the frequency that has 1w', async () => {
    const r = await command('plan', { ...env.base, ...selection, intervals: ['1w'], frequency: 'daily' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('CE007 intervals: spot klines daily has no interval "1w"; "1w" is published monthly only (use frequency monthly)')
  })

  it('plan --json with auto says which months came from which file kind (no monthly files here: daily)', async () => {
    const r = await command('plan', { ...env.base, ...selection, symbols: ['BTCUSDT'], frequency: 'auto', date_range: { start: '2024-01-01', end: '2024-02-19' }, destination_prefix: 'auto-plan' }, '--json')
    expect(r.code, r.stderr).toBe(0)
    const s = JSON.parse(r.stdout)
    expect(s.periodSources).toMatchObject({ monthly: 0, daily: 1, missing: 0, months: [{ dataset: 'spot/klines/1h', symbol: 'BTCUSDT', month: '2024-01', from: 'daily', missingKeys: [] }] })
    // January from its 31 daily files, February's 19 days daily as always: nothing reported missing.
    expect(s.missing).toBe(0)
    expect(s.objects).toBe(50 * 2)
  })

  it('catalog --json carries the labels with their dates', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'catalog', '--json'])
    const all = JSON.parse(stdout) as { market: string; data_type: string; status: string; until?: string; contracts?: string; intervals: Record<string, string[]> }[]
    const e = (m: string, dt: string) => all.find((x) => x.market === m && x.data_type === dt)
    expect(e('futures/um', 'bookDepth')).toMatchObject({ status: 'active' })
    expect(e('futures/cm', 'bookTicker')).toMatchObject({ status: 'stopped', until: '2024-10-15' })
    expect(e('futures/cm', 'premiumIndexKlines')).toMatchObject({ contracts: 'perpetual' })
    expect(e('option', 'BVOLIndex')).toMatchObject({ status: 'active' })
    expect(e('spot', 'klines')!.intervals.daily).not.toContain('1w')
  })
})

describe('archive-sync audit', () => {
  it('prints what it will read and the cost, refuses above the threshold without --yes, then reads with it', async () => {
    // The first test copied the 500-object slice under cli/; a high GET price puts the 250 zips over $0.10.
    const config = { ...env.base, ...selection, destination_prefix: 'cli', pricing: { get_per_1000: 1 } }
    const refused = await command('audit', config)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/Audit reads 250 kline\/trade files, [\d.]+ [KMG]iB, from s3:\/\/lake: 250 GET ≈ \$0\.2500/)
    expect(refused.stderr).toContain('Re-run with --yes')
    const read = await command('audit', config, '--yes', '--json')
    expect(read.code, read.stderr).toBe(0)
    expect(JSON.parse(read.stdout)).toMatchObject({ type: 'audit', files: 250, requests: 250, costUsd: 0.25, absent: 0, incomplete: [] })
  })
})

describe('archive-sync run with date_range.end "latest"', () => {
  it('copies through the newest day the archive lists, then only the day it gains', async () => {
    const job = { ...env.base, ...selection, symbols: ['BTCUSDT'], date_range: { start: '2024-02-15', end: 'latest' }, destination_prefix: 'latest' }
    const first = await cli(job, '--json')
    expect(first.code, first.stderr).toBe(0)
    // 15–19 February: five zips and their checksums; "latest" came from the listing, not the clock.
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toMatchObject({ files_synced: 10, files_skipped: 0 })

    const next = makeArchiveFile({ market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1h', period: '2024-02-20' })
    await seedBucket(env.s3, SOURCE_BUCKET, [
      { key: next.key, body: next.zip },
      { key: next.checksumKey, body: next.checksum },
    ])
    const again = await cli(job, '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ files_synced: 2, files_skipped: 10, files_failed: 0 })
    expect(await listKeys(env.client, LAKE_BUCKET, `latest/${next.key}`)).toEqual([`latest/${next.key}`, `latest/${next.checksumKey}`])
  })
})
