// Discovery from the archive itself: symbols by listing (cached on disk), UTF-8 keys, coverage.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/main/app'
import { generateArchive, seedBucket } from '../../src/main/dev/fixtures'
import { listSymbols } from '../../src/main/catalog/symbol-cache'
import { listAll } from '../../src/main/s3/list'
import { getBytes, LAKE_BUCKET, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const CJK = '币安人生USDT'
let env: LocalArchive

beforeAll(async () => {
  env = await startLocalArchive([
    { market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT', 'LUNAUSDT_SETTLED', CJK], intervals: ['1d'], start: '2024-01-01', end: '2024-01-03' },
  ])
})
afterAll(() => env?.stop())

describe('discovery', () => {
  it('lists symbols from the archive, delisted and UTF-8 ones included, and caches them on disk until refreshed', async () => {
    const q = { client: env.client, bucket: SOURCE_BUCKET, prefix: 'data/spot/daily/klines/', cacheFile: join(env.dataDir, 'cache', 'symbols.json'), endpoint: env.s3.endpoint }
    const first = await listSymbols(q)
    expect(first).toMatchObject({ symbols: ['BTCUSDT', 'LUNAUSDT_SETTLED', CJK].sort(), fromCache: false })
    await seedBucket(env.s3, SOURCE_BUCKET, generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['NEWUSDT'], intervals: ['1d'], start: '2024-01-01', end: '2024-01-01' }]))
    expect(await listSymbols(q)).toMatchObject({ fromCache: true, symbols: first.symbols })
    const fresh = await listSymbols({ ...q, refresh: true })
    expect(fresh).toMatchObject({ fromCache: false })
    expect(fresh.symbols).toContain('NEWUSDT')
    // Expired entries are re-listed even without a refresh.
    expect(await listSymbols({ ...q, now: Date.now() + 25 * 3600_000 })).toMatchObject({ fromCache: false })
  })

  it('pages through listings 1,000 keys at a time (continuation tokens)', async () => {
    const r = await listAll(env.client, SOURCE_BUCKET, 'data/spot/', { maxKeys: 5 })
    expect(r.objects.length).toBeGreaterThan(15)
    expect(r.requests).toBe(Math.ceil(r.objects.length / 5))
  })

  it('plans and copies a symbol with a CJK name byte-identical (keys URL-encoded on the wire)', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: env.base, snapshotMs: 50 })
    const config = { destination_prefix: 'utf8', markets: ['spot'], symbols: [CJK], data_types: ['klines'], intervals: ['1d'], date_range: { start: '2024-01-01', end: '2024-01-03' } }
    // The app's own command reads the server's source settings and lists through the cache.
    expect((await app.handlers['catalog:symbols']({ market: 'spot', frequency: 'daily', dataType: 'klines', refresh: true })).symbols).toContain(CJK)
    expect(await app.handlers['plan:preview']({ config })).toMatchObject({ objects: 6, missing: 0 })
    const { jobId } = await app.handlers['jobs:start']({ config })
    const report = await waitForReport(app, jobId)
    await app.close()
    expect(report).toMatchObject({ files_synced: 6, files_failed: 0 })
    const key = `data/spot/daily/klines/${CJK}/1d/${CJK}-1d-2024-01-02.zip`
    expect((await getBytes(env.client, LAKE_BUCKET, `utf8/${key}`)).equals(await getBytes(env.client, SOURCE_BUCKET, key))).toBe(true)
  })
})

async function waitForReport(app: ReturnType<typeof createApp>, jobId: string) {
  return new Promise<Awaited<ReturnType<(typeof app.handlers)['jobs:report']>>>((resolve) => {
    const off = app.services.jobs.onEvent((e) => {
      if (e.jobId === jobId && e.type === 'state' && ['completed', 'failed', 'cancelled'].includes(e.state)) {
        off()
        void app.handlers['jobs:report']({ jobId }).then(resolve)
      }
    })
  })
}

