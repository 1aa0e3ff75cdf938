// Plan + server-side copy against a real local S3 (s3rver) seeded with a generated archive.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobEvent } from '../../src/shared/contract'
import { validateConfig } from '../../src/shared/config/validate'
import { createApp } from '../../src/main/app'
import { mergeConfig } from '../../src/main/settings'
import { getBytes, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const MISSING = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-04.zip'
let env: LocalArchive

beforeAll(async () => {
  env = await startLocalArchive([
    { market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT', 'ETHUSDT'], intervals: ['1h'], start: '2024-03-01', end: '2024-03-10', missing: [MISSING] },
    { market: 'spot', frequency: 'daily', dataType: 'trades', symbols: ['BTCUSDT'], start: '2024-03-01', end: '2024-03-10' },
  ])
})
afterAll(() => env?.stop())

const selection = () => ({
  destination_prefix: 'bronze/binance',
  markets: ['spot'],
  symbols: ['BTCUSDT', 'ETHUSDT'],
  data_types: ['klines'],
  intervals: ['1h'],
  date_range: { start: '2024-03-01', end: '2024-03-10' },
  performance_optimization: { max_concurrent: 4 },
})

const job = (extra: Record<string, unknown> = {}) => {
  const r = validateConfig(mergeConfig(env.base, { ...selection(), ...extra }))
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

describe('copy job against a local S3', () => {
  it('copies every zip and its .CHECKSUM byte-identical under the mirrored prefix, and reports the missing day', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50 })
    const events: JobEvent[] = []
    app.services.jobs.onEvent((e) => events.push(e))
    const { jobId, done } = await app.services.jobs.start(job())
    const report = (await done)!
    await app.close()

    const expected = env.objects.map((o) => o.key).filter((k) => k.startsWith('data/spot/daily/klines/')).sort()
    expect(expected).toHaveLength(2 * 10 * 2 - 2) // two symbols × ten days × zip+checksum, minus the missing day's pair
    const landed = await listKeys(env.client, LAKE_BUCKET, 'bronze/binance/')
    expect(landed).toEqual(expected.map((k) => `bronze/binance/${k}`))
    for (const key of expected)
      expect((await getBytes(env.client, LAKE_BUCKET, `bronze/binance/${key}`)).equals(await getBytes(env.client, SOURCE_BUCKET, key))).toBe(true)

    expect(report).toMatchObject({ status: 'completed', files_synced: 38, files_skipped: 0, files_failed: 0, total_files_processed: 38, success_rate: '100.00%', mode_selected: 'direct_sync' })
    expect(report.bytes_transferred).toBe(env.objects.filter((o) => expected.includes(o.key)).reduce((a, o) => a + o.body.length, 0))
    const snapshots = events.filter((e) => e.type === 'snapshot')
    expect(snapshots.at(-1)).toMatchObject({ snapshot: { done: { objects: 38, synced: 38 }, total: { objects: 38 } } })
    const states = events.flatMap((e) => (e.type === 'state' ? [e.state] : []))
    expect(states).toEqual(['planning', 'running', 'completed'])
    const logs = events.flatMap((e) => (e.type === 'log' ? [e.message] : []))
    expect(logs.some((m) => m.includes('1 missing from the archive'))).toBe(true)

    const journal = (await readFile(join(env.dataDir, 'jobs', jobId, 'journal.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l))
    expect(journal[0]).toMatchObject({ type: 'header', jobId })
    expect(journal.filter((l) => l.type === 'result' && l.outcome === 'synced')).toHaveLength(38)
    const saved = JSON.parse(await readFile(join(env.dataDir, 'jobs', jobId, 'report.json'), 'utf8'))
    expect(saved.files_synced).toBe(38)
  })

  it('skips what the destination already has (incremental) and copies only the rest', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50 })
    const { done } = await app.services.jobs.start(job({ data_types: ['klines', 'trades'], symbols: { spot: ['BTCUSDT'] } }))
    const report = (await done)!
    await app.close()
    // BTCUSDT klines (18 objects) are there from the first test; BTCUSDT trades (20) are new.
    expect(report).toMatchObject({ files_synced: 20, files_skipped: 18, files_failed: 0, status: 'completed' })
  })

  it('copies again a file the archive replaced in place (same size, new bytes), and only that one', async () => {
    const key = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-05.zip'
    const original = await getBytes(env.client, SOURCE_BUCKET, key)
    const replaced = Buffer.from(original)
    replaced[replaced.length - 1] ^= 0xff
    await env.client.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: key, Body: replaced }))
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: env.base, snapshotMs: 50 })
    const plan = await app.handlers['plan:preview']({ config: { ...selection(), symbols: ['BTCUSDT'] } })
    expect(plan).toMatchObject({ objects: 18, toCopy: 1, alreadyThere: 17, changed: 1, missing: 1 })
    const report = (await (await app.services.jobs.start(job({ symbols: ['BTCUSDT'] }))).done)!
    await app.close()
    expect(report).toMatchObject({ files_synced: 1, files_skipped: 17, files_failed: 0 })
    expect((await getBytes(env.client, LAKE_BUCKET, `bronze/binance/${key}`)).equals(replaced)).toBe(true)
  })

  it('writes a Hive-style layout and recognises it on the next run', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50 })
    const cfg = job({ destination_prefix: 'hive', destination_layout: 'hive', symbols: ['ETHUSDT'], date_range: { start: '2024-03-01', end: '2024-03-02' } })
    const first = (await (await app.services.jobs.start(cfg)).done)!
    const second = (await (await app.services.jobs.start(cfg)).done)!
    await app.close()
    expect(await listKeys(env.client, LAKE_BUCKET, 'hive/')).toEqual([
      'hive/market=spot/data_type=klines/symbol=ETHUSDT/interval=1h/date=2024-03-01/ETHUSDT-1h-2024-03-01.zip',
      'hive/market=spot/data_type=klines/symbol=ETHUSDT/interval=1h/date=2024-03-01/ETHUSDT-1h-2024-03-01.zip.CHECKSUM',
      'hive/market=spot/data_type=klines/symbol=ETHUSDT/interval=1h/date=2024-03-02/ETHUSDT-1h-2024-03-02.zip',
      'hive/market=spot/data_type=klines/symbol=ETHUSDT/interval=1h/date=2024-03-02/ETHUSDT-1h-2024-03-02.zip.CHECKSUM',
    ])
    expect(first).toMatchObject({ files_synced: 4, files_skipped: 0 })
    expect(second).toMatchObject({ files_synced: 0, files_skipped: 4 })
  })

  it('sync mode reports destination objects the archive no longer has, and deletes them only when asked', async () => {
    const gone = `bronze/binance/${MISSING}` // the archive has no such file
    await env.client.send(new PutObjectCommand({ Bucket: LAKE_BUCKET, Key: gone, Body: 'old' }))
    await env.client.send(new PutObjectCommand({ Bucket: LAKE_BUCKET, Key: 'bronze/binance/notes.txt', Body: 'mine' }))
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: env.base, snapshotMs: 50 })
    const plan = await app.handlers['plan:preview']({ config: { ...selection(), sync_mode: 'sync' } })
    expect(plan).toMatchObject({ extraneous: 1, extraneousKeys: [gone] })
    const kept = (await (await app.services.jobs.start(job({ sync_mode: 'sync' }))).done)!
    expect(kept.files_deleted).toBe(0)
    expect(await listKeys(env.client, LAKE_BUCKET, gone)).toEqual([gone])
    const pruned = (await (await app.services.jobs.start(job({ sync_mode: 'sync', delete_extraneous: true }))).done)!
    await app.close()
    expect(pruned).toMatchObject({ files_deleted: 1, files_failed: 0 })
    expect(await listKeys(env.client, LAKE_BUCKET, gone)).toEqual([])
    // Outside the selected folders nothing is judged, let alone deleted.
    expect(await listKeys(env.client, LAKE_BUCKET, 'bronze/binance/notes.txt')).toEqual(['bronze/binance/notes.txt'])
  })

  it('fails the objects it cannot write with the service error and a non-completed status', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50 })
    const { done } = await app.services.jobs.start(job({ destination_bucket: 'no-such-bucket', enable_incremental: false, symbols: ['ETHUSDT'], date_range: { start: '2024-03-01', end: '2024-03-02' } }))
    const report = (await done)!
    await app.close()
    expect(report).toMatchObject({ status: 'failed', files_synced: 0, files_failed: 4 })
    expect(report.failures[0].error).toMatch(/NoSuchBucket/)
  })
})
