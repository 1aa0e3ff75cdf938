// Whole jobs through the real s5cmd binary against a local S3. The binary is found through
// S5CMD_PATH or PATH; without it this suite skips and says so.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/main/app'
import { locateS5cmd } from '../../src/main/engines/s5cmd/locate'
import { mergeConfig } from '../../src/main/settings'
import { validateConfig } from '../../src/shared/config/validate'
import { getBytes, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const found = await locateS5cmd()
if (!found.found) console.warn(`s5cmd job tests skipped: ${found.reason}. Set S5CMD_PATH to an s5cmd >= 2.2.2 to run them.`)

describe.skipIf(!found.found)('jobs through the real s5cmd', () => {
  let env: LocalArchive
  beforeAll(async () => {
    env = await startLocalArchive([{ market: 'futures/um', frequency: 'daily', dataType: 'trades', symbols: ['BTCUSDT', 'ETHUSDT'], start: '2024-05-01', end: '2024-05-15' }])
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
})

