// The archive's real quirks on a real local S3 (s3rver), with real zips and .CHECKSUM files:
// a closed month without its monthly file, a monthly file without a day its daily files have,
// and a re-uploaded zip and .CHECKSUM of the same sizes.
import { mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobEvent } from '../../src/shared/contract'
import { validateConfig } from '../../src/shared/config/validate'
import { createApp } from '../../src/main/app'
import { makeArchiveFile, revisedArchiveObjects, seedBucket } from '../../src/main/dev/fixtures'
import { makePlan } from '../../src/main/plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../../src/main/s3/clients'
import { planAudit, runAudit } from '../../src/main/verify/audit-destination'
import { mergeConfig } from '../../src/main/settings'
import type { FileRef } from '../../src/shared/keys'
import { getBytes, LAKE_BUCKET, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const UNPUBLISHED = 'data/spot/monthly/klines/ETHUSDT/1h/ETHUSDT-1h-2024-02.zip'
const WITHOUT_DAY = 'data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01.zip'
const REVISED: FileRef = { market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BNBUSDT', interval: '1h', period: '2024-03-02' }
const NOW = new Date('2024-03-05T12:00:00Z')
let env: LocalArchive

beforeAll(async () => {
  const symbols = ['BTCUSDT', 'ETHUSDT']
  env = await startLocalArchive([
    { market: 'spot', frequency: 'monthly', dataType: 'klines', symbols, intervals: ['1h'], start: '2024-01-01', end: '2024-02-29', complete: true, missing: [UNPUBLISHED], dropDays: { [WITHOUT_DAY]: ['2024-01-17'] } },
    // ETHUSDT has no daily files for January: with its monthly file there, none are needed.
    { market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1h'], start: '2024-01-01', end: '2024-03-04', complete: true },
    { market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['ETHUSDT'], intervals: ['1h'], start: '2024-02-01', end: '2024-03-04', complete: true, missing: ['2024-02-10'] },
  ])
  await seedBucket(env.s3, SOURCE_BUCKET, revisedArchiveObjects(REVISED, { rows: 24 }).original)
}, 60_000)
afterAll(() => env?.stop())

const job = (extra: Record<string, unknown>) => {
  const r = validateConfig(mergeConfig(env.base, { markets: ['spot'], data_types: ['klines'], intervals: ['1h'], frequency: 'auto', ...extra }), { now: NOW })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

describe('frequency auto, decided from the listing', () => {
  it('takes a monthly file where the archive has it and that month’s daily files where it does not', async () => {
    const config = job({ symbols: ['BTCUSDT', 'ETHUSDT'], date_range: { start: '2024-01-01', end: '2024-03-03' }, enable_incremental: false })
    const source = makeS3Client(sourceEndpoint(config))
    try {
      const plan = await makePlan(config, { source, now: NOW })
      const months = plan.summary.periodSources!.months.map((m) => `${m.symbol} ${m.month} ${m.from}`)
      expect(months.sort()).toEqual(['BTCUSDT 2024-01 monthly', 'BTCUSDT 2024-02 monthly', 'ETHUSDT 2024-01 monthly', 'ETHUSDT 2024-02 daily'])
      expect(plan.summary.periodSources).toMatchObject({ monthly: 3, daily: 1, missing: 0 })
      const zips = plan.tasks.map((t) => t.sourceKey).filter((k) => k.endsWith('.zip'))
      // ETHUSDT February: 28 of its 29 daily files (2024-02-10 was never published) + 3 March days.
      expect(zips.filter((k) => k.includes('/daily/') && k.includes('ETHUSDT-1h-2024-02'))).toHaveLength(28)
      expect(zips).not.toContain(UNPUBLISHED)
      expect(plan.missingKeys).toEqual(['data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-02-10.zip'])
      expect(plan.summary.periodSources!.months.find((m) => m.symbol === 'ETHUSDT' && m.month === '2024-02')!.missingKeys).toEqual(plan.missingKeys)
      // Every zip keeps its .CHECKSUM sibling.
      expect(plan.tasks.length).toBe(zips.length * 2)
    } finally {
      source.destroy()
    }
  })

  it('a closed month with neither file is missing, with the daily keys that would have covered it', async () => {
    const config = job({ symbols: ['ETHUSDT'], date_range: { start: '2023-12-01', end: '2023-12-31' }, enable_incremental: false })
    const source = makeS3Client(sourceEndpoint(config))
    try {
      const plan = await makePlan(config, { source, now: NOW })
      expect(plan.tasks).toHaveLength(0)
      expect(plan.summary.periodSources).toMatchObject({ monthly: 0, daily: 0, missing: 1 })
      expect(plan.missingKeys).toHaveLength(31)
      expect(plan.missingKeys[0]).toBe('data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2023-12-01.zip')
    } finally {
      source.destroy()
    }
  })
})

async function runJob(config: ReturnType<typeof job>) {
  const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50, locateS5cmd: async () => ({ found: false, reason: 'not needed' }) })
  const logs: string[] = []
  const off = app.services.jobs.onEvent((e: JobEvent) => {
    if (e.type === 'log') logs.push(e.message)
  })
  try {
    const { done } = await app.services.jobs.start(config)
    return { report: (await done)!, logs }
  } finally {
    off()
    await app.close()
  }
}

describe('downloads to a folder', () => {
  it('report the day a monthly file lacks, with the daily key that has it; whole files report nothing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'archive-sync-quirks-'))
    try {
      const { report, logs } = await runJob(job({ output_directory: out, symbols: ['BTCUSDT'], date_range: { start: '2024-01-01', end: '2024-02-29' } }))
      expect(report).toMatchObject({ status: 'completed', files_synced: 4, files_failed: 0 })
      const gaps = logs.filter((l) => l.startsWith('gap in '))
      expect(gaps).toEqual([
        `gap in ${WITHOUT_DAY}: 2024-01-17T00:00:00.000Z … 2024-01-18T00:00:00.000Z; daily files that cover it: data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-17.zip`,
      ])
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })

  it('a re-run refreshes the re-uploaded zip and its .CHECKSUM (same sizes) and nothing else', async () => {
    const out = await mkdtemp(join(tmpdir(), 'archive-sync-rerun-'))
    try {
      const config = job({ output_directory: out, symbols: ['BNBUSDT'], frequency: 'daily', date_range: { start: '2024-03-02', end: '2024-03-02' } })
      const wide = job({ output_directory: out, symbols: ['BTCUSDT', 'BNBUSDT'], frequency: 'daily', date_range: { start: '2024-03-01', end: '2024-03-03' } })
      const first = await runJob(wide)
      // BTCUSDT 3 days and BNBUSDT's one day, each zip with its .CHECKSUM.
      expect(first.report).toMatchObject({ status: 'completed', files_synced: 8 })
      const { original, revised } = revisedArchiveObjects(REVISED, { rows: 24 })
      const zipPath = join(out, original[0].key)
      const before = await stat(zipPath)
      expect(before.mtime.getTime()).toBeLessThanOrEqual(Date.now())

      // An unchanged re-run copies nothing.
      const idle = await runJob(wide)
      expect(idle.report).toMatchObject({ status: 'completed', files_synced: 0, files_skipped: 8, files_failed: 0 })

      // S3's Last-Modified has whole seconds: the re-upload must land in a later second than the first upload.
      await new Promise((r) => setTimeout(r, 1_100))
      for (const o of revised) await env.client.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: o.key, Body: o.body }))
      expect(revised.map((o) => o.body.length)).toEqual(original.map((o) => o.body.length))

      const again = await runJob(wide)
      expect(again.report).toMatchObject({ status: 'completed', files_synced: 2, files_skipped: 6, files_failed: 0, files_checksum_mismatch: 0 })
      expect(Buffer.from(await readFile(zipPath)).equals(Buffer.from(revised[0].body))).toBe(true)
      expect(Buffer.from(await readFile(join(out, revised[1].key))).equals(Buffer.from(revised[1].body))).toBe(true)
      // And the run after that is idle again: the refreshed copies carry the new version's Last-Modified.
      const settled = await runJob(config)
      expect(settled.report).toMatchObject({ files_synced: 0, files_skipped: 2 })

      // A zip whose mtime no longer says its version (touched, or copied by another tool): the
      // changed .CHECKSUM makes the plan hash it against the new digest, and both are refreshed.
      await utimes(zipPath, new Date(Date.now() + 3_600_000), new Date(Date.now() + 3_600_000))
      await new Promise((r) => setTimeout(r, 1_100))
      const third = makeArchiveFile(REVISED, { rows: 24, store: true, revision: 2 })
      await env.client.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: third.key, Body: third.zip }))
      await env.client.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: third.checksumKey, Body: third.checksum }))
      const rehashed = await runJob(config)
      expect(rehashed.report).toMatchObject({ status: 'completed', files_synced: 2, files_skipped: 0, files_checksum_mismatch: 0 })
      expect(Buffer.from(await readFile(zipPath)).equals(Buffer.from(third.zip))).toBe(true)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})

describe('archive-sync audit (copies already at an S3 destination)', () => {
  it('states what it will read and its cost, then reports the monthly file’s missing day with the daily key', async () => {
    const config = job({ symbols: ['BTCUSDT'], frequency: 'monthly', destination_prefix: 'audit', date_range: { start: '2024-01-01', end: '2024-02-29' } })
    const { report } = await runJob(config)
    expect(report).toMatchObject({ status: 'completed', files_synced: 4 })
    const source = makeS3Client(sourceEndpoint(config))
    const destination = makeS3Client(destinationEndpoint(config))
    try {
      const a = await planAudit(config, { source, destination })
      const sizes = await Promise.all([WITHOUT_DAY, WITHOUT_DAY.replace('2024-01', '2024-02')].map(async (k) => (await getBytes(env.client, LAKE_BUCKET, `audit/${k}`)).length))
      // Two zips read back (the .CHECKSUM files hold no time series): two GETs at the configured price.
      expect(a.estimate).toEqual({ requests: 2, bytes: sizes[0] + sizes[1], costUsd: 0.000001, needsConfirm: false })
      const reports = await runAudit(config, a, destination)
      const bad = reports.filter((r) => r.gaps.length > 0)
      expect(bad.map((r) => [r.key, r.gaps.map((g) => g.fillKeys)])).toEqual([[WITHOUT_DAY, [['data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-17.zip']]]])
      expect(reports).toHaveLength(2)
    } finally {
      source.destroy()
      destination.destroy()
    }
  })
})
