// source.https_base: object bytes by a plain unsigned GET of base + key (the archive's CloudFront
// URLs), listing still on the S3 endpoint. s3rver answers unsigned path-style GETs at
// `${endpoint}/${bucket}/${key}`, so `${endpoint}/data.binance.vision/` stands in for
// https://data.binance.vision/. A fault proxy in front of it counts (and can fail) exactly the
// HTTPS GETs, while listings go to s3rver directly.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/main/app'
import { createSdkEngine } from '../../src/main/engines/sdk-copy'
import { mergeConfig } from '../../src/main/settings'
import { validateConfig } from '../../src/shared/config/validate'
import { internalError, startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'
import { endpointOf, MiB, recorder } from '../helpers/engine-kit'
import { getBytes, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const CJK = '币安人生USDT'
const SELECTION = { markets: ['spot'], symbols: ['BTCUSDT', CJK], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-03-01', end: '2024-03-03' } }
let env: LocalArchive
let proxy: FaultProxy
let httpsBase: string

beforeAll(async () => {
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT', CJK], intervals: ['1h'], start: '2024-03-01', end: '2024-03-03' }])
  proxy = await startFaultProxy(env.s3.endpoint)
  httpsBase = `${proxy.endpoint}/${SOURCE_BUCKET}/`
})
afterAll(async () => {
  await proxy?.stop()
  await env?.stop()
})

const job = (extra: Record<string, unknown>) => {
  const r = validateConfig(mergeConfig(env.base, { ...SELECTION, ...extra, source: { ...(env.base.source as object), https_base: httpsBase } }))
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}
const noS5cmd = async () => ({ found: false as const, reason: 'not wanted here' })
/** Object GETs that went through the HTTPS base: unsigned, path-style under the bucket. */
const httpsGets = () => proxy.seen.filter((r) => r.method === 'GET' && r.path.startsWith(`/${SOURCE_BUCKET}/`))

describe('source.https_base', () => {
  it('a job streams every object from the HTTPS base into the lake byte-identical (sdk-stream), unsigned GETs only', async () => {
    const before = proxy.seen.length
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50, locateS5cmd: noS5cmd })
    try {
      const report = (await (await app.services.jobs.start(job({ destination_prefix: 'https' }))).done)!
      expect(report).toMatchObject({ status: 'completed', files_synced: env.objects.length, files_failed: 0, engines: { 'sdk-stream': env.objects.length } })
    } finally {
      await app.close()
    }
    expect(await listKeys(env.client, LAKE_BUCKET, 'https/')).toEqual(env.objects.map((o) => `https/${o.key}`).sort())
    for (const o of env.objects) expect((await getBytes(env.client, LAKE_BUCKET, `https/${o.key}`)).equals(Buffer.from(o.body)), o.key).toBe(true)
    const gets = proxy.seen.slice(before).filter((r) => r.method === 'GET' && r.path.startsWith(`/${SOURCE_BUCKET}/`))
    expect(gets).toHaveLength(env.objects.length)
    expect(gets.every((r) => r.headers.authorization === undefined && r.query.size === 0)).toBe(true)
    // UTF-8 keys arrive whole (the proxy records the decoded path).
    expect(gets.some((r) => r.path.includes(`/${CJK}/`))).toBe(true)
  })

  it('a download job lands every file byte-identical in a local folder', async () => {
    const out = join(env.dataDir, 'download')
    const before = httpsGets().length
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50, locateS5cmd: noS5cmd })
    try {
      const report = (await (await app.services.jobs.start(job({ output_directory: out }))).done)!
      expect(report).toMatchObject({ status: 'completed', files_synced: env.objects.length, files_failed: 0, engines: { download: env.objects.length } })
    } finally {
      await app.close()
    }
    for (const o of env.objects) expect((await readFile(join(out, o.key))).equals(Buffer.from(o.body)), o.key).toBe(true)
    expect(httpsGets().length - before).toBe(env.objects.length)
  })

  it('retries a 5xx, and fails a missing key with its URL and 404', async () => {
    const source = { ...endpointOf(env.s3, SOURCE_BUCKET), httpsBase }
    const engine = createSdkEngine({ concurrency: 2, retryCount: 3, partSizeMb: 5, partBytes: MiB, source, destination: endpointOf(env.s3, LAKE_BUCKET), mode: 'stream' })
    const [first] = env.objects
    proxy.rules.push({ match: (r) => r.method === 'GET' && r.path.endsWith(first.key), action: internalError, times: 2 })
    const missing = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2019-01-01.zip'
    const rec = recorder()
    await engine.run(
      [
        { id: 0, sourceKey: first.key, destKey: `retry/${first.key}`, size: first.body.length },
        { id: 1, sourceKey: missing, destKey: `retry/${missing}`, size: 10 },
      ],
      rec.ctx,
    )
    proxy.rules.length = 0
    expect(rec.results.get(0)).toMatchObject({ outcome: 'synced', engine: 'sdk-stream', attempts: 3 })
    expect((await getBytes(env.client, LAKE_BUCKET, `retry/${first.key}`)).equals(Buffer.from(first.body))).toBe(true)
    const failed = rec.results.get(1)!
    expect(failed).toMatchObject({ outcome: 'failed', errorClass: 'not-found', attempts: 1 })
    expect(failed.reason).toContain(`${httpsBase}${missing}`)
    expect(failed.reason).toContain('404')
  })

  it('a bad https_base is CE010, refused before any request', async () => {
    const before = proxy.seen.length
    // https_base is a server-side setting (a connection may not send source.*): bad in the base config.
    for (const https_base of ['ftp://data.binance.vision/', `${proxy.endpoint}/${SOURCE_BUCKET}`, 'not a url']) {
      const baseConfig = { ...env.base, source: { ...(env.base.source as object), https_base } }
      const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig, snapshotMs: 50, locateS5cmd: noS5cmd })
      try {
        const jobs = (await app.services.jobs.list()).length
        await expect(app.handlers['jobs:start']({ config: SELECTION })).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [expect.objectContaining({ code: 'CE010', field: 'source.https_base' })] })
        expect(await app.services.jobs.list()).toHaveLength(jobs)
      } finally {
        await app.close()
      }
    }
    expect(proxy.seen.length).toBe(before)
  })
})
