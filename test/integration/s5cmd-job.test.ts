// Whole jobs through the real s5cmd binary against a local S3. The binary is found through
// S5CMD_PATH or PATH; without it this suite skips and says so.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/main/app'
import { generateArchive, seedBucket } from '../../src/main/dev/fixtures'
import { locateS5cmd } from '../../src/main/engines/s5cmd/locate'
import { mergeConfig } from '../../src/main/settings'
import { validateConfig } from '../../src/shared/config/validate'
import { startFaultProxy } from '../helpers/fault-proxy'
import { getBytes, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const found = await locateS5cmd()
if (!found.found) console.warn(`s5cmd job tests skipped: ${found.reason}. Set S5CMD_PATH to an s5cmd >= 2.2.2 to run them.`)

describe.skipIf(!found.found)('jobs through the real s5cmd', () => {
  let env: LocalArchive
  beforeAll(async () => {
    env = await startLocalArchive([
      { market: 'futures/um', frequency: 'daily', dataType: 'trades', symbols: ['BTCUSDT', 'ETHUSDT'], start: '2024-05-01', end: '2024-05-15' },
      // Only the wildcard test selects it: 50 days, long enough for runs of whole ten-day spans.
      { market: 'futures/um', frequency: 'daily', dataType: 'trades', symbols: ['BNBUSDT'], start: '2024-04-01', end: '2024-05-20' },
    ])
  })
  afterAll(() => env?.stop())

  const job = (extra: Record<string, unknown>) => {
    const r = validateConfig(
      mergeConfig(env.base, {
        markets: ['futures_um'],
        symbols: ['BTCUSDT', 'ETHUSDT'],
        data_types: ['trades'],
        date_range: { start: '2024-05-01', end: '2024-05-15' },
        performance_optimization: { batch_size: 25, max_concurrent: 8 },
        ...extra,
      }),
    )
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    return r.config
  }

  it('copies every object with s5cmd batches, byte-identical, and reports the batches', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50 })
    const report = (await (await app.services.jobs.start(job({ destination_prefix: 'via-s5cmd' }))).done)!
    await app.close()
    expect(report).toMatchObject({ status: 'completed', files_synced: 60, files_failed: 0, mode_selected: 'direct_sync', engines: { s5cmd: 60 }, s5cmd_availability: true, batch_count: 3, average_batch_size: 20, fallback_count: 0 })
    const keys = await listKeys(env.client, LAKE_BUCKET, 'via-s5cmd/')
    expect(keys).toHaveLength(60)
    for (const k of keys.filter((_, i) => i % 7 === 0)) expect((await getBytes(env.client, LAKE_BUCKET, k)).equals(await getBytes(env.client, SOURCE_BUCKET, k.slice('via-s5cmd/'.length)))).toBe(true)
  })

  it('routes keys s5cmd cannot carry safely (a prefix with a space) to the SDK and says why', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50 })
    const report = (await (await app.services.jobs.start(job({ destination_prefix: 'my lake', symbols: ['ETHUSDT'] }))).done)!
    await app.close()
    expect(report).toMatchObject({ status: 'completed', files_synced: 30, engines: { 'sdk-copy': 30 }, fallback_count: 30 })
    expect(report.fallback_triggers.join()).toMatch(/key routed to the SDK/)
    expect(await listKeys(env.client, LAKE_BUCKET, 'my lake/')).toHaveLength(30)
  })

  it('downloads to a local folder through s5cmd when operation_mode is direct_sync, byte-identical and verified', async () => {
    const out = await mkdtemp(join(tmpdir(), 'archive-sync-s5dl-'))
    try {
      const app = createApp({ transport: 'websocket', dataDir: env.dataDir, snapshotMs: 50 })
      const report = (await (await app.services.jobs.start(job({ operation_mode: 'direct_sync', output_directory: out, symbols: ['BTCUSDT'] }))).done)!
      await app.close()
      expect(report).toMatchObject({ status: 'completed', files_synced: 30, files_failed: 0, engines: { s5cmd: 30 }, files_verified: 30 })
      for (const o of env.objects.filter((x) => x.key.includes('/BTCUSDT/'))) expect((await readFile(join(out, o.key))).equals(Buffer.from(o.body)), o.key).toBe(true)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })

  it('sends whole runs of the plan as one wildcard line each, and copies exactly what the plan holds', async () => {
    const folder = 'data/futures/um/daily/trades/BNBUSDT/'
    const day = (d: string) => [`${folder}BNBUSDT-trades-${d}.zip`, `${folder}BNBUSDT-trades-${d}.zip.CHECKSUM`]
    // A day missing when the plan lists, published before Start; and the next day, published then too.
    for (const k of day('2024-05-14')) await env.client.send(new DeleteObjectCommand({ Bucket: SOURCE_BUCKET, Key: k }))
    const proxy = await startFaultProxy(env.s3.endpoint, { lifetimeMs: 120_000 })
    try {
      const b = env.base as { s3_config: object; source: object }
      const base = { ...env.base, s3_config: { ...b.s3_config, endpoint_url: proxy.endpoint }, source: { ...b.source, endpoint_url: proxy.endpoint } }
      const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: base, snapshotMs: 50 })
      const config = { destination_prefix: 'runs', markets: ['futures_um'], symbols: ['BNBUSDT'], data_types: ['trades'], frequency: 'daily' as const, date_range: { start: '2024-04-01', end: '2024-05-20' }, performance_optimization: { max_concurrent: 2 } }
      const preview = await app.handlers['plan:preview']({ config })
      expect(preview).toMatchObject({ objects: 98, missing: 1 })
      const late = generateArchive([{ market: 'futures/um', frequency: 'daily', dataType: 'trades', symbols: ['BNBUSDT'], start: '2024-05-14', end: '2024-05-21' }]).filter((o) => /2024-05-(14|21)/.test(o.key))
      await seedBucket(env.s3, SOURCE_BUCKET, late)
      const startedAt = proxy.seen.length
      const { jobId } = await app.handlers['jobs:start']({ config, planId: preview.planId })
      const report = await new Promise<Awaited<ReturnType<(typeof app.handlers)['jobs:report']>>>((resolve) => {
        const off = app.services.jobs.onEvent((e) => {
          if (e.jobId !== jobId || e.type !== 'state' || !['completed', 'failed', 'cancelled'].includes(e.state)) return
          off()
          void app.handlers['jobs:report']({ jobId }).then(resolve)
        })
      })
      await app.close()
      expect(report).toMatchObject({ status: 'completed', files_synced: 98, files_failed: 0, files_verified: 98, engines: { s5cmd: 98 } })
      // The plan's runs: April whole (60 objects) and May's first nine days; May's teens hold the gap,
      // and the folder's newest days are never a run. April holds the job's first tasks, which go
      // line by line, so May's first nine days are the one wildcard line s5cmd listed.
      const sent = proxy.seen.slice(startedAt)
      const runListings = sent.filter((r) => r.method === 'GET' && r.query.get('list-type') === '2' && r.query.get('prefix')?.startsWith(`${folder}BNBUSDT-trades-`)).map((r) => r.query.get('prefix'))
      expect(runListings).toEqual([`${folder}BNBUSDT-trades-2024-05-0`])
      expect(sent.filter((r) => r.headers['x-amz-copy-source'] !== undefined)).toHaveLength(98)
      const landed = await listKeys(env.client, LAKE_BUCKET, 'runs/')
      expect(landed).toHaveLength(98)
      for (const k of [...day('2024-05-14'), ...day('2024-05-21')]) expect(landed).not.toContain(`runs/${k}`)
      for (const k of landed) expect((await getBytes(env.client, LAKE_BUCKET, k)).equals(await getBytes(env.client, SOURCE_BUCKET, k.slice('runs/'.length))), k).toBe(true)
    } finally {
      await proxy.stop()
    }
  })
})
