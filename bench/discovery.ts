// Budget: discovery of a 10,000-object prefix in 10 list requests (1 per 1,000 keys), and the
// folders of a many-symbol selection listed in parallel with a bound.
import { generateArchive, localClient, seedBucket } from '../src/main/dev/fixtures'
import { startS3Server } from '../src/main/dev/s3-server'
import { listAll } from '../src/main/s3/list'

export async function benchDiscovery(): Promise<Record<string, string | number>> {
  const s3 = await startS3Server({ buckets: ['data.binance.vision'] })
  const client = localClient(s3)
  try {
    // One folder of 5,000 daily zips + 5,000 checksums = 10,000 keys.
    const objects = generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1m'], start: '2010-01-01', end: '2023-09-09', rows: 2 }])
    await seedBucket(s3, 'data.binance.vision', objects, { concurrency: 32 })
    const t0 = performance.now()
    const r = await listAll(client, 'data.binance.vision', 'data/spot/daily/klines/BTCUSDT/1m/')
    const ms = performance.now() - t0
    return {
      objects: r.objects.length,
      'list requests': r.requests,
      ms: Math.round(ms),
      budget: r.objects.length === objects.length && r.requests <= Math.ceil(objects.length / 1000) ? 'met' : 'MISSED',
    }
  } finally {
    client.destroy()
    await s3.stop()
  }
}
