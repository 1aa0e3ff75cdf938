// Verification against a local S3: every landed object proved, a stale .CHECKSUM flagged (never
// counted as synced) after one re-read, and `verify` re-checking a destination without copying.
// s3rver keeps no checksums (CopyObject's ChecksumAlgorithm SHA256 is ignored, no ChecksumSHA256
// comes back), so server-side copies here are proved by ETag: the one the copy's response gave (for
// copies through this machine, the destination listing's) equals the source listing's single-part
// ETag. The sha256-s3 path needs a service that returns checksums.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateConfig } from '../../src/shared/config/validate'
import { createApp } from '../../src/main/app'
import { mergeConfig } from '../../src/main/settings'
import { verifyDestination } from '../../src/main/verify/verify-destination'
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'
import { getBytes, LAKE_BUCKET, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

let env: LocalArchive
let proxy: FaultProxy
const STALE = 'data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-05-03.zip'
const WRONG = 'ab'.repeat(32)

beforeAll(async () => {
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT', 'ETHUSDT'], intervals: ['1h'], start: '2024-05-01', end: '2024-05-05' }])
  // The 2023 episode (reference §1.6): the zip was re-uploaded, its .CHECKSUM left stale — with a trailing newline.
  await env.client.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: `${STALE}.CHECKSUM`, Body: `${WRONG}  ETHUSDT-1h-2024-05-03.zip\n` }))
  proxy = await startFaultProxy(env.s3.endpoint)
})
afterAll(async () => {
  await proxy?.stop()
  await env?.stop()
})

const job = (extra: Record<string, unknown>) => {
  const r = validateConfig(mergeConfig(env.base, { markets: ['spot'], symbols: ['BTCUSDT', 'ETHUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-05-01', end: '2024-05-05' }, performance_optimization: { max_concurrent: 4 }, ...extra }))
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

async function runJob(config: ReturnType<typeof job>) {
  const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50, locateS5cmd: async () => ({ found: false, reason: 'not wanted here' }) })
  try {
    const { jobId, done } = await app.services.jobs.start(config)
    return { jobId, report: (await done)! }
  } finally {
    await app.close()
  }
}

describe('verification after a job', () => {
  it('proves every server-side copy by the ETag its response gave, without listing the destination again', async () => {
    const lake = await startFaultProxy(env.s3.endpoint)
    try {
      // Source and destination both through the proxy: one service, so the copies are server-side.
      const s3 = { ...(env.base.s3_config as object), endpoint_url: lake.endpoint }
      const source = { ...(env.base.source as object), endpoint_url: lake.endpoint }
      const { report } = await runJob(job({ destination_prefix: 'v1', symbols: ['BTCUSDT'], s3_config: s3, source }))
      expect(report.engines).toEqual({ 'sdk-copy': 10 })
      expect(report).toMatchObject({ status: 'completed', files_synced: 10, verify_level: 'etag', files_verified: 10, files_unverified: 0, files_checksum_mismatch: 0, verification_methods: { etag: 10 } })
      // The one destination listing is the plan's incremental diff, before any copy.
      const lists = lake.seen.filter((r) => r.query.get('list-type') === '2' && r.query.get('prefix')?.startsWith('v1/'))
      expect(lists).toHaveLength(1)
      expect(lists[0].n).toBeLessThan(Math.min(...lake.seen.filter((r) => r.method === 'PUT').map((r) => r.n)))
    } finally {
      await lake.stop()
    }
  })

  it('checks each folder once its copies have landed, while the next folder still copies', async () => {
    const lake = await startFaultProxy(env.s3.endpoint)
    try {
      // ETHUSDT's copies are slowed: BTCUSDT's folder is complete long before the job is.
      lake.rules.push({ match: (r) => r.method === 'PUT' && r.path.includes('/ETHUSDT/'), action: { kind: 'delay', ms: 150 } })
      const s3 = { ...(env.base.s3_config as object), endpoint_url: lake.endpoint }
      const { report } = await runJob(job({ destination_prefix: 'early', s3_config: s3, performance_optimization: { max_concurrent: 2 } }))
      expect(report).toMatchObject({ status: 'completed', files_synced: 20, files_verified: 20, files_unverified: 0 })
      const listing = (symbol: string) => lake.seen.filter((r) => r.query.get('list-type') === '2' && r.query.get('prefix') === `early/data/spot/daily/klines/${symbol}/1h/`)
      const copies = lake.seen.filter((r) => r.method === 'PUT')
      // One listing before copying (the incremental diff) and one to verify, per folder.
      for (const s of ['BTCUSDT', 'ETHUSDT']) expect(listing(s)).toHaveLength(2)
      const lastCopy = (symbol: string) => Math.max(...copies.filter((r) => r.path.includes(`/${symbol}/`)).map((r) => r.n))
      expect(listing('BTCUSDT')[1].n).toBeGreaterThan(lastCopy('BTCUSDT'))
      expect(listing('BTCUSDT')[1].n).toBeLessThan(lastCopy('ETHUSDT'))
      expect(listing('ETHUSDT')[1].n).toBeGreaterThan(lastCopy('ETHUSDT'))
    } finally {
      await lake.stop()
    }
  })

  it('an early folder check that cannot run is tried again after the copies, not left unverified', async () => {
    const lake = await startFaultProxy(env.s3.endpoint)
    try {
      lake.rules.push({ match: (r) => r.method === 'PUT' && r.path.includes('/ETHUSDT/'), action: { kind: 'delay', ms: 100 } })
      // The second BTCUSDT listing is the early check (the first is the plan's diff): refused once.
      let lists = 0
      lake.rules.push({ match: (r) => r.query.get('prefix') === 'again/data/spot/daily/klines/BTCUSDT/1h/' && ++lists === 2, action: { kind: 'error', status: 403, code: 'AccessDenied' }, times: 1 })
      const s3 = { ...(env.base.s3_config as object), endpoint_url: lake.endpoint }
      const { report } = await runJob(job({ destination_prefix: 'again', s3_config: s3, performance_optimization: { max_concurrent: 2 } }))
      expect(lake.count((r) => r.action === 'error')).toBe(1)
      expect(report).toMatchObject({ status: 'completed', files_synced: 20, files_verified: 20, files_unverified: 0 })
    } finally {
      await lake.stop()
    }
  })

  it('a resume first checks what the cancelled session copied unproved, and copies again what has gone', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50, locateS5cmd: async () => ({ found: false, reason: 'not wanted here' }) })
    // Each copy held 25 ms, so the cancel after 5 lands while most of the 20 are still to copy.
    const slow = await startFaultProxy(env.s3.endpoint, { rules: [{ match: (r) => r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined, action: { kind: 'delay', ms: 25 } }] })
    try {
      const through = { s3_config: { ...(env.base.s3_config as object), endpoint_url: slow.endpoint }, source: { ...(env.base.source as object), endpoint_url: slow.endpoint } }
      const config = job({ destination_prefix: 'gone', performance_optimization: { max_concurrent: 1 }, ...through })
      let synced = 0
      const off = app.services.jobs.onEvent((e) => {
        if (e.type !== 'task-batch') return
        synced += e.results.filter((r) => r.outcome === 'synced').length
        if (synced >= 5) app.services.jobs.cancel(e.jobId)
      })
      const first = await app.services.jobs.start(config)
      const r1 = (await first.done)!
      off()
      expect(r1).toMatchObject({ status: 'cancelled', files_verified: 0 })
      // One copy the cancelled session landed disappears before the resume.
      expect(r1.files_synced as number).toBeGreaterThanOrEqual(5)
      const key = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-05-01.zip'
      await env.client.send(new DeleteObjectCommand({ Bucket: LAKE_BUCKET, Key: `gone/${key}` }))
      const r2 = (await (await app.services.jobs.resume(first.jobId, { config })).done)!
      expect(r2).toMatchObject({ status: 'completed', files_synced: 20, files_failed: 0, files_verified: 20 })
      expect((await getBytes(env.client, LAKE_BUCKET, `gone/${key}`)).equals(await getBytes(env.client, SOURCE_BUCKET, key))).toBe(true)
    } finally {
      await app.close()
      await slow.stop()
    }
  })

  it('downloads: proves each zip by the SHA-256 of its bytes against the .CHECKSUM, and flags the stale one with both values', async () => {
    const out = await mkdtemp(join(tmpdir(), 'archive-sync-dl-'))
    const src = { ...(env.base.source as object), endpoint_url: proxy.endpoint }
    try {
      const { jobId, report } = await runJob(job({ output_directory: out, source: src }))
      const real = createHash('sha256').update(await readFile(join(out, STALE))).digest('hex')
      expect(report).toMatchObject({ status: 'failed', files_synced: 19, files_failed: 1, files_verified: 19, files_checksum_mismatch: 1 })
      // The hash taken while downloading is the proof: no second read of the file.
      expect(report.verification_methods).toEqual({ 'sha256-stream': 9, etag: 10 })
      expect(report.checksum_mismatches).toEqual([expect.objectContaining({ source_key: STALE, method: 'sha256-stream', expected: WRONG, actual: real })])
      expect(report.failures).toEqual([expect.objectContaining({ source_key: STALE, error_class: 'checksum', error: expect.stringContaining(WRONG) })])
      // The stale .CHECKSUM was read by the download itself, by the check, and re-read once — not more.
      expect(proxy.count((r) => r.method === 'GET' && r.path.endsWith(`${STALE}.CHECKSUM`))).toBe(3)
      const journal = (await readFile(join(env.dataDir, 'jobs', jobId, 'journal.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l))
      expect(journal.filter((l) => l.type === 'verify' && l.status === 'mismatch')).toHaveLength(1)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})

describe('archive-sync verify (no copying)', () => {
  it('verifies a synced destination, then finds an object changed behind its back', async () => {
    const config = job({ destination_prefix: 'v2', symbols: ['BTCUSDT'] })
    await runJob(config)
    const ok = await verifyDestination(config)
    expect(ok).toMatchObject({ objects: 10, verified: 10, mismatched: 0, missing: 0, methods: { etag: 10 } })
    // 2 listings (source + destination folder) and no GET: ETag proofs cost no download.
    expect(ok.requests).toBe(2)

    const key = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-05-02.zip'
    const bytes = await getBytes(env.client, SOURCE_BUCKET, key)
    bytes[bytes.length - 1] ^= 0xff
    await env.client.send(new PutObjectCommand({ Bucket: LAKE_BUCKET, Key: `v2/${key}`, Body: bytes }))
    const bad = await verifyDestination(config)
    expect(bad).toMatchObject({ verified: 9, mismatched: 1, problems: [expect.objectContaining({ destination_key: `v2/${key}`, method: 'etag' })] })

    // verify sha256: reads each zip back and hashes it against the .CHECKSUM.
    const strong = await verifyDestination({ ...config, verify: 'sha256' })
    expect(strong).toMatchObject({ verified: 9, mismatched: 1, methods: { 'sha256-get': 4, etag: 5 } })
    expect(strong.problems[0]).toMatchObject({ method: 'sha256-get', reason: 'checksum mismatch' })
  })
})
