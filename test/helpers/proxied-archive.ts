// The crash suites' local archive: a real s3rver on its own folder (so it can be killed and
// restarted on the same data), 300 Binance-layout objects (5 symbols × 30 days × zip + .CHECKSUM),
// the fault proxy in front of it that counts every request, and a scratch folder for job data.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateArchive, seedBucket, type ArchiveObject } from '../../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { startFaultProxy, type FaultProxy } from './fault-proxy'

export const SRC = 'data.binance.vision'
export const LAKE = 'lake'
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT']
export const selection = { markets: ['spot'], symbols: SYMBOLS, data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-01-01', end: '2024-01-30' } }

export interface ProxiedArchive {
  /** The running server; replaced by `restartS3`. */
  s3: LocalS3
  proxy: FaultProxy
  objects: ArchiveObject[]
  /** Scratch folder for data dirs and job files. */
  data: string
  /** A new server on the same folder and port (after the test killed the old one). */
  restartS3(): Promise<LocalS3>
  stop(): Promise<void>
}

export async function startProxiedArchive(name: string): Promise<ProxiedArchive> {
  const s3dir = await mkdtemp(join(tmpdir(), `archive-sync-${name}-s3-`))
  const s3 = await startS3Server({ dir: s3dir, buckets: [SRC, LAKE] })
  const objects = generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: SYMBOLS, intervals: ['1h'], start: '2024-01-01', end: '2024-01-30' }])
  await seedBucket(s3, SRC, objects)
  const proxy = await startFaultProxy(s3.endpoint, { lifetimeMs: 600_000 })
  const data = await mkdtemp(join(tmpdir(), `archive-sync-${name}-`))
  const h: ProxiedArchive = {
    s3,
    proxy,
    objects,
    data,
    restartS3: async () => (h.s3 = await startS3Server({ dir: s3dir, port: h.s3.port, buckets: [SRC, LAKE] })),
    stop: async () => {
      await proxy.stop()
      await h.s3.stop()
      await rm(s3dir, { recursive: true, force: true })
      await rm(data, { recursive: true, force: true })
    },
  }
  return h
}
