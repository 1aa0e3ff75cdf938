// Faults injected by a proxy in front of s3rver: 500s, 503 SlowDown and connection resets are
// retried to exact counts; a permanently failing part aborts its multipart upload; a download cut
// mid-body never leaves a half-written file; a cancel frees the traditional temp space; a 403
// AccessDenied stops the job (RE002), naming the bucket; an archive that refuses signed reads is
// streamed instead.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobEvent } from '../../src/shared/contract'
import { validateConfig } from '../../src/shared/config/validate'
import { createApp } from '../../src/main/app'
import { generateArchive, seedBucket, type ArchiveObject } from '../../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { createSdkEngine } from '../../src/main/engines/sdk-copy'
import { createDownloadEngine } from '../../src/main/engines/sdk-download'
import { createTraditionalEngine } from '../../src/main/engines/traditional'
import { accessDenied, internalError, slowDown, startFaultProxy, type FaultProxy, type SeenRequest } from '../helpers/fault-proxy'
import { bytesAt, clientOf, endpointOf, exists, MiB, recorder, seedRandom, tasksFor } from '../helpers/engine-kit'

let s3: LocalS3
let client: S3Client
let objects: ArchiveObject[]
let tmp: string
let proxy: FaultProxy | undefined

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ['src', 'lake', 'data.binance.vision'] })
  client = clientOf(s3)
  objects = await seedRandom(s3, 'src', Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`data/f-${i}.zip`, 20_000 + i])))
  tmp = await mkdtemp(join(tmpdir(), 'archive-sync-faults-'))
})
afterAll(async () => {
  client?.destroy()
  await s3?.stop()
  if (tmp) await rm(tmp, { recursive: true, force: true })
})
const withProxy = async (rules: Parameters<typeof startFaultProxy>[1]) => (proxy = await startFaultProxy(s3.endpoint, rules))
const stopProxy = async () => {
  await proxy?.stop()
  proxy = undefined
}

const isCopyOf = (key: string) => (r: Omit<SeenRequest, 'action'>) => r.method === 'PUT' && r.path.endsWith(`/${key}`) && r.headers['x-amz-copy-source'] !== undefined
const isGetOf = (key: string) => (r: Omit<SeenRequest, 'action'>) => r.method === 'GET' && r.path === `/src/${key}`

describe('faults injected by a proxy', () => {
  it('retries 500s, 503 SlowDown and connection resets: every object lands byte-identical, attempts counted per task', async () => {
    const k = objects.map((o) => o.key)
    const p = await withProxy({
      rules: [
        { match: isCopyOf(k[0]), action: internalError, times: 1 },
        { match: isCopyOf(k[1]), action: internalError, times: 2 },
        { match: isCopyOf(k[2]), action: slowDown, times: 1 },
        { match: isCopyOf(k[3]), action: { kind: 'reset' }, times: 1 },
        { match: isCopyOf(k[4]), action: { kind: 'reset' }, times: 2 },
      ],
    })
    try {
      const ep = (b: string) => endpointOf(s3, b, p.endpoint)
      const engine = createSdkEngine({ source: ep('src'), destination: ep('lake'), mode: 'copy', concurrency: 3, retryCount: 3, partSizeMb: 5 })
      const rec = recorder()
      await engine.run(tasksFor(objects, 'retry/'), rec.ctx)
      expect(objects.map((_, i) => rec.results.get(i)?.attempts)).toEqual([2, 3, 2, 2, 3, 1])
      expect([...rec.results.values()].every((r) => r.outcome === 'synced')).toBe(true)
      for (const o of objects) expect((await bytesAt(client, 'lake', `retry/${o.key}`))?.equals(o.body), o.key).toBe(true)
      // Both sides count the same requests: 6 copies + 7 retries.
      expect(p.count()).toBe(13)
      expect(engine.meter.requests).toBe(13)
    } finally {
      await stopProxy()
    }
  })

  it('a service that refuses checksummed copies is asked once, then copies are proved by ETag', async () => {
    // Real S3 answers a checksummed CopyObject with ChecksumSHA256 (proved against the .CHECKSUM);
    // s3rver ignores the header. Here the proxy plays a service that rejects it outright.
    const p = await withProxy({
      rules: [{ match: (r) => r.method === 'PUT' && r.headers['x-amz-checksum-algorithm'] !== undefined, action: { kind: 'error', status: 501, code: 'NotImplemented', message: 'checksums not supported' } }],
    })
    try {
      const ep = (b: string) => endpointOf(s3, b, p.endpoint)
      const engine = createSdkEngine({ source: ep('src'), destination: ep('lake'), mode: 'copy', concurrency: 1, retryCount: 3, partSizeMb: 5 })
      const rec = recorder()
      await engine.run(tasksFor(objects, 'nosum/'), rec.ctx)
      expect([...rec.results.values()].map((r) => r.outcome)).toEqual(objects.map(() => 'synced'))
      expect([...rec.results.values()].some((r) => r.sha256 !== undefined)).toBe(false)
      expect(p.count((r) => r.headers['x-amz-checksum-algorithm'] === 'SHA256')).toBe(1)
      expect(p.count((r) => r.method === 'PUT' && r.headers['x-amz-checksum-algorithm'] === undefined)).toBe(objects.length)
    } finally {
      await stopProxy()
    }
  })

  it('a part that fails for good aborts its multipart upload: no object, no complete, exactly one abort for that upload', async () => {
    // s3rver implements neither ListMultipartUploads nor AbortMultipartUpload (it answers 501 and
    // 405), so "nothing left behind" is proved by the abort request itself, which the proxy answers
    // as S3 would (204). On real S3, ListMultipartUploads on the bucket would come back empty.
    const big = await seedRandom(s3, 'src', { 'data/multi.zip': 5 * MiB + 7 })
    const isPart3 = (r: Omit<SeenRequest, 'action'>) => r.method === 'PUT' && r.query.get('partNumber') === '3'
    const p = await withProxy({
      rules: [
        { match: isPart3, action: internalError },
        { match: (r) => r.method === 'DELETE' && r.query.has('uploadId'), action: { kind: 'respond', status: 204 } },
      ],
    })
    try {
      const engine = createSdkEngine({ source: endpointOf(s3, 'src'), destination: endpointOf(s3, 'lake', p.endpoint), mode: 'stream', concurrency: 1, retryCount: 2, partSizeMb: 5, partBytes: MiB })
      const rec = recorder()
      await engine.run(tasksFor(big, 'abort/'), rec.ctx)
      expect(rec.results.get(0)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/InternalError/), attempts: 3 })
      const uploadIds = new Set(p.seen.filter((r) => r.query.has('uploadId')).map((r) => r.query.get('uploadId')))
      expect(uploadIds.size).toBe(1)
      const aborts = p.seen.filter((r) => r.method === 'DELETE')
      expect(aborts.map((r) => r.query.get('uploadId'))).toEqual([...uploadIds])
      expect(p.count(isPart3)).toBe(3)
      expect(p.count((r) => r.method === 'POST' && r.query.has('uploadId'))).toBe(0)
      expect(await exists(client, 'lake', 'abort/data/multi.zip')).toBe(false)
      expect(engine.budget.inUse).toBe(0)
    } finally {
      await stopProxy()
    }
  })

  it('a part failing once is retried alone: the object lands whole, the retry is in the task\'s attempts', async () => {
    const [big] = await seedRandom(s3, 'src', { 'data/multi-ok.zip': 3 * MiB + 11 })
    const isPart2 = (r: Omit<SeenRequest, 'action'>) => r.method === 'PUT' && r.query.get('partNumber') === '2'
    const p = await withProxy({ rules: [{ match: isPart2, action: internalError, times: 1 }] })
    try {
      const engine = createSdkEngine({ source: endpointOf(s3, 'src'), destination: endpointOf(s3, 'lake', p.endpoint), mode: 'stream', concurrency: 1, retryCount: 2, partSizeMb: 5, partBytes: MiB })
      const rec = recorder()
      await engine.run(tasksFor([big], 'part-retry/'), rec.ctx)
      expect(rec.results.get(0)).toMatchObject({ outcome: 'synced', attempts: 2 })
      expect((await bytesAt(client, 'lake', `part-retry/${big.key}`))?.equals(big.body)).toBe(true)
      expect(p.count(isPart2)).toBe(2)
      expect(p.count((r) => r.method === 'PUT' && r.query.has('partNumber'))).toBe(5)
    } finally {
      await stopProxy()
    }
  })

  it('a download cut mid-body leaves no half-written file; a single cut is retried to a complete file', async () => {
    const [good, bad] = objects
    const p = await withProxy({
      rules: [
        { match: isGetOf(good.key), action: { kind: 'cut', afterBytes: 5_000 }, times: 1 },
        { match: isGetOf(bad.key), action: { kind: 'cut', afterBytes: 5_000 } },
      ],
    })
    try {
      const root = join(tmp, 'dl')
      await mkdir(join(root, 'data'), { recursive: true })
      await writeFile(join(root, bad.key), 'the previous version')
      const engine = createDownloadEngine({ source: endpointOf(s3, 'src', p.endpoint), root, concurrency: 2, retryCount: 2 })
      const rec = recorder()
      await engine.run(tasksFor([good, bad]), rec.ctx)
      expect(rec.results.get(0)).toMatchObject({ outcome: 'synced', attempts: 2 })
      expect((await readFile(join(root, good.key))).equals(good.body)).toBe(true)
      expect(rec.results.get(1)).toMatchObject({ outcome: 'failed', errorClass: 'network', attempts: 3 })
      expect(await readFile(join(root, bad.key), 'utf8')).toBe('the previous version')
      expect((await readdir(root, { recursive: true })).filter((f) => f.endsWith('.part'))).toEqual([])
      expect(p.count((r) => r.action === 'cut')).toBe(1 + 3)
    } finally {
      await stopProxy()
    }
  })

  it('cancelling a traditional run frees its temp space, and every task still gets exactly one result', async () => {
    const p = await withProxy({ rules: [{ match: (r) => r.method === 'PUT', action: { kind: 'delay', ms: 400 } }] })
    try {
      const tempRoot = await mkdtemp(join(tmp, 'trad-cancel-'))
      const engine = createTraditionalEngine({ source: endpointOf(s3, 'src'), destination: endpointOf(s3, 'lake', p.endpoint), concurrency: 2, retryCount: 1, partSizeMb: 5, tempRoot })
      const rec = recorder()
      const running = engine.run(tasksFor(objects, 'cancel/'), rec.ctx)
      // Cancel while uploads are held by the proxy: downloads are on disk in the temp folder.
      await new Promise((r) => setTimeout(r, 200))
      expect((await readdir(tempRoot)).length).toBe(1)
      rec.abort()
      await running
      expect(rec.results.size).toBe(objects.length)
      expect([...rec.results.values()].filter((r) => r.outcome === 'failed').every((r) => r.reason === 'cancelled')).toBe(true)
      expect(await readdir(tempRoot)).toEqual([])
    } finally {
      await stopProxy()
    }
  })

  it('403 AccessDenied on the destination stops the job (RE002), naming the bucket; nothing further is attempted', async () => {
    const p = await withProxy({ rules: [{ match: (r) => r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined, action: accessDenied }] })
    const dataDir = await mkdtemp(join(tmp, 'job-'))
    try {
      const ep = { endpoint_url: p.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region }
      const parsed = validateConfig({
        enable_s3_direct_sync: true,
        destination_bucket: 'lake',
        destination_prefix: 'denied',
        s3_config: ep,
        source: { bucket: 'data.binance.vision', endpoint_url: p.endpoint, region: s3.region },
        markets: ['spot'],
        symbols: ['BTCUSDT'],
        data_types: ['klines'],
        intervals: ['1h'],
        date_range: { start: '2024-03-01', end: '2024-03-03' },
        performance_optimization: { max_concurrent: 1 },
      })
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
      // The job's objects: three days of zips and their checksums in the archive bucket.
      await seedBucket(s3, 'data.binance.vision', generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1h'], start: '2024-03-01', end: '2024-03-03' }]))
      const app = createApp({ transport: 'websocket', dataDir, snapshotMs: 50, locateS5cmd: async () => ({ found: false, reason: 'not wanted here' }) })
      const events: JobEvent[] = []
      app.services.jobs.onEvent((e) => events.push(e))
      const { done } = await app.services.jobs.start(parsed.config)
      const report = (await done)!
      await app.close()
      expect(report.status).toBe('failed')
      expect(report.s3_permission_errors).toBe(1)
      expect(report.files_synced).toBe(0)
      expect(report.failures[0].error).toMatch(/AccessDenied.*RE002.*lake/)
      expect(report.failures.slice(1).every((f) => /not attempted: stopped after AccessDenied on lake/.test(f.error))).toBe(true)
      expect(p.count((r) => r.headers['x-amz-copy-source'] !== undefined)).toBe(1)
      const logs = events.flatMap((e) => (e.type === 'log' ? [e.message] : []))
      expect(logs.some((m) => /Access denied .* lake\/.*stopping the job/.test(m))).toBe(true)
    } finally {
      await stopProxy()
    }
  })

  it('an archive that refuses signed reads: found by one probe before any copy, then streamed (anonymous GET, signed PUT) to completion', async () => {
    // Reference §4.6 ⚠: what the real bucket policy does is unknown; the proxy plays the strict case.
    const toArchive = (r: Omit<SeenRequest, 'action'>) => r.path.startsWith('/data.binance.vision/') || String(r.headers['x-amz-copy-source'] ?? '').includes('data.binance.vision/')
    const p = await withProxy({ rules: [{ match: (r) => toArchive(r) && (r.headers.authorization !== undefined || r.headers['x-amz-copy-source'] !== undefined), action: accessDenied }] })
    const dataDir = await mkdtemp(join(tmp, 'job-'))
    try {
      const archive = generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['ETHUSDT'], intervals: ['1h'], start: '2024-04-01', end: '2024-04-03' }])
      await seedBucket(s3, 'data.binance.vision', archive)
      const parsed = validateConfig({
        enable_s3_direct_sync: true,
        destination_bucket: 'lake',
        destination_prefix: 'refused',
        s3_config: { endpoint_url: p.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region },
        source: { bucket: 'data.binance.vision', endpoint_url: p.endpoint, region: s3.region },
        markets: ['spot'],
        symbols: ['ETHUSDT'],
        data_types: ['klines'],
        intervals: ['1h'],
        date_range: { start: '2024-04-01', end: '2024-04-03' },
      })
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
      const app = createApp({ transport: 'websocket', dataDir, snapshotMs: 50, locateS5cmd: async () => ({ found: false, reason: 'not wanted here' }) })
      const { done } = await app.services.jobs.start(parsed.config)
      const report = (await done)!
      await app.close()
      expect(report).toMatchObject({ status: 'completed', files_synced: 6, files_failed: 0, files_verified: 6, s3_permission_errors: 0 })
      expect(Object.keys(report.engines)).toEqual(['sdk-stream'])
      expect(report.fallback_triggers.join('\n')).toMatch(/signed read of s3:\/\/data\.binance\.vision\/.* refused \(AccessDenied\).*streamed/)
      // The probe was the only signed request to the archive, and no copy was attempted.
      expect(p.count((r) => r.action === 'error')).toBe(1)
      expect(p.count((r) => r.headers['x-amz-copy-source'] !== undefined)).toBe(0)
      for (const o of archive) expect((await bytesAt(client, 'lake', `refused/${o.key}`))?.equals(Buffer.from(o.body))).toBe(true)
    } finally {
      await stopProxy()
    }
  })
})

