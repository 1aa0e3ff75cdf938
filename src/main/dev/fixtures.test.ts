import { createHash } from 'node:crypto'
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { FileRef } from '../../shared/keys'
import { DEMO_QUIRKS, demoArchiveSpec, generateArchive, makeArchiveFile, revisedArchiveObjects, seedBucket } from './fixtures'
import { startS3Server } from './s3-server'

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

function csvOf(zip: Uint8Array): { name: string; lines: string[] } {
  const entries = Object.entries(unzipSync(zip))
  expect(entries).toHaveLength(1)
  const [name, bytes] = entries[0]
  const text = strFromU8(bytes)
  expect(text.endsWith('\n')).toBe(true)
  return { name, lines: text.trimEnd().split('\n') }
}

const spot1h: FileRef = { market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1h', period: '2024-01-01' }

describe('makeArchiveFile', () => {
  it('builds the reference keys (§1.5)', () => {
    expect(makeArchiveFile(spot1h).key).toBe('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip')
    const cm: FileRef = { market: 'futures/cm', frequency: 'monthly', dataType: 'indexPriceKlines', symbol: 'BTCUSD_PERP', interval: '1h', period: '2020-06' }
    expect(makeArchiveFile(cm).key).toBe('data/futures/cm/monthly/indexPriceKlines/BTCUSD/1h/BTCUSD-1h-2020-06.zip')
    const fr: FileRef = { market: 'futures/um', frequency: 'monthly', dataType: 'fundingRate', symbol: 'BTCUSDT', period: '2026-03' }
    const f = makeArchiveFile(fr)
    expect(f.key).toBe('data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-03.zip')
    expect(f.checksumKey).toBe(`${f.key}.CHECKSUM`)
  })

  it('zips exactly one CSV named like the zip, with spot kline rows in ms and no header', () => {
    const { name, lines } = csvOf(makeArchiveFile(spot1h).zip)
    expect(name).toBe('BTCUSDT-1h-2024-01-01.csv')
    expect(lines).toHaveLength(24)
    const first = lines[0].split(',')
    expect(first).toHaveLength(12)
    expect(first[0]).toBe(String(Date.UTC(2024, 0, 1)))
    expect(first[6]).toBe(String(Date.UTC(2024, 0, 1, 1) - 1))
    expect(first[1]).toMatch(/^\d+\.\d{8}$/)
    expect(lines[23].split(',')[6]).toBe(String(Date.UTC(2024, 0, 2) - 1))
  })

  it('uses microseconds for spot from 2025 and headers for futures', () => {
    const spot = csvOf(makeArchiveFile({ ...spot1h, period: '2025-01-01' }).zip).lines[0].split(',')
    expect(spot[0]).toBe('1735689600000000')
    expect(spot[6]).toBe('1735693199999999')
    const um = csvOf(makeArchiveFile({ ...spot1h, market: 'futures/um', period: '2025-01-01' }).zip).lines
    expect(um[0]).toMatch(/^open_time,open,high,low,close,volume,close_time,/)
    expect(um[1].split(',')[0]).toBe('1735689600000')
  })

  it('writes trades, aggTrades, fundingRate and metrics in their own shapes', () => {
    const shape = (ref: FileRef): string[][] => csvOf(makeArchiveFile(ref, { rows: 10 }).zip).lines.map((l) => l.split(','))
    const base = { symbol: 'BTCUSDT', frequency: 'daily' as const, period: '2024-03-05' }
    expect(shape({ ...base, market: 'spot', dataType: 'trades' }).every((r) => r.length === 7 && r[6] === 'True')).toBe(true)
    expect(shape({ ...base, market: 'spot', dataType: 'aggTrades' })[0]).toHaveLength(8)
    const umTrades = shape({ ...base, market: 'futures/um', dataType: 'trades' })
    expect(umTrades[0].join(',')).toBe('id,price,qty,quote_qty,time,is_buyer_maker')
    expect(umTrades).toHaveLength(11)
    const funding = shape({ ...base, market: 'futures/um', dataType: 'fundingRate', frequency: 'monthly', period: '2024-02' })
    expect(funding[0].join(',')).toBe('calc_time,funding_interval_hours,last_funding_rate')
    expect(funding[1][0]).toBe(String(Date.UTC(2024, 1, 1)))
    const metrics = shape({ ...base, market: 'futures/um', dataType: 'metrics' })
    expect(metrics[1][0]).toBe('2024-03-05 00:00:00')
    expect(metrics[1]).toHaveLength(8)
  })

  it('writes a sha256sum .CHECKSUM without trailing newline', () => {
    const f = makeArchiveFile(spot1h)
    const text = new TextDecoder().decode(f.checksum)
    expect(text).toBe(`${sha(f.zip)}  BTCUSDT-1h-2024-01-01.zip`)
    expect(f.sha256).toBe(sha(f.zip))
    expect(f.checksum.length).toBe(64 + 2 + 'BTCUSDT-1h-2024-01-01.zip'.length)
  })

  it('is deterministic per seed', () => {
    expect(makeArchiveFile(spot1h).zip).toEqual(makeArchiveFile(spot1h).zip)
    expect(sha(makeArchiveFile(spot1h, { seed: 2 }).zip)).not.toBe(sha(makeArchiveFile(spot1h).zip))
  })
})

describe('generateArchive', () => {
  it('leaves out missing periods and keys, and pairs every zip with its checksum', () => {
    const objects = generateArchive([
      { market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT', 'ETHUSDT'], intervals: ['1h'], start: '2024-01-01', end: '2024-01-05',
        missing: ['2024-01-03', 'data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-01-05.zip', 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-05.zip.CHECKSUM'] },
    ])
    const keys = new Set(objects.map((o) => o.key))
    expect(keys.size).toBe(objects.length)
    expect([...keys].some((k) => k.includes('2024-01-03'))).toBe(false)
    expect(keys.has('data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-01-05.zip')).toBe(false)
    expect(keys.has('data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-01-05.zip.CHECKSUM')).toBe(false)
    expect(keys.has('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-05.zip')).toBe(true)
    expect(keys.has('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-05.zip.CHECKSUM')).toBe(false)
    expect(objects.length).toBe(2 * 4 * 2 - 2 - 1)
  })

  it('generates the demo archive quickly, with its one gap', () => {
    const t0 = performance.now()
    const objects = generateArchive(demoArchiveSpec())
    const ms = performance.now() - t0
    expect(objects.length).toBeGreaterThan(500)
    expect(ms).toBeLessThan(5_000)
    const keys = new Set(objects.map((o) => o.key))
    expect(keys.has('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2025-01-15.zip')).toBe(false)
    expect(keys.has('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2025-01-16.zip')).toBe(true)
    expect(keys.has('data/futures/cm/daily/indexPriceKlines/BTCUSD/1h/BTCUSD-1h-2024-12-01.zip')).toBe(true)
  })
})

describe('seedBucket', () => {
  it('lands byte-identical objects', async () => {
    const s3 = await startS3Server({ buckets: ['data.binance.vision'] })
    const client = new S3Client({
      endpoint: s3.endpoint, region: s3.region, forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    })
    try {
      const objects = generateArchive([
        { market: 'futures/um', frequency: 'daily', dataType: 'aggTrades', symbols: ['BTCUSDT'], start: '2024-05-01', end: '2024-05-12' },
      ])
      await seedBucket(s3, 'data.binance.vision', objects, { concurrency: 4 })
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'data.binance.vision', Prefix: 'data/' }))
      expect(listed.KeyCount).toBe(objects.length)
      for (const o of objects) {
        const got = await client.send(new GetObjectCommand({ Bucket: 'data.binance.vision', Key: o.key }))
        expect(sha(await got.Body!.transformToByteArray())).toBe(sha(o.body))
      }
    } finally {
      client.destroy()
      await s3.stop()
    }
  })
})

describe('the archive quirks the fixtures reproduce', () => {
  it('the demo has a closed month without its monthly file, and a monthly file without a day its daily file has', () => {
    const objects = new Map(generateArchive(demoArchiveSpec()).map((o) => [o.key, o.body]))
    expect(objects.has(DEMO_QUIRKS.unpublishedMonthly)).toBe(false)
    expect(objects.has('data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-12-31.zip')).toBe(true)
    const { key, day } = DEMO_QUIRKS.monthlyWithoutDay
    const monthly = csvOf(objects.get(key)!).lines
    const dayMs = Date.UTC(2024, 11, 15)
    // Spot 2024 times are ms; the month has 31 × 24 bars less the 24 of the dropped day.
    expect(monthly).toHaveLength(31 * 24 - 24)
    expect(monthly.some((l) => Number(l.split(',')[0]) >= dayMs && Number(l.split(',')[0]) < dayMs + 86_400_000)).toBe(false)
    expect(csvOf(objects.get(`data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-${day}.zip`)!).lines).toHaveLength(24)
  })

  it('a revision has the size of the original, new bytes, and a new .CHECKSUM of the same size', () => {
    const ref: FileRef = { market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1h', period: '2024-12-02' }
    const { original, revised } = revisedArchiveObjects(ref)
    expect(revised[0].body.length).toBe(original[0].body.length)
    expect(sha(revised[0].body)).not.toBe(sha(original[0].body))
    expect(revised[1].body.length).toBe(original[1].body.length)
    expect(strFromU8(revised[1].body).slice(0, 64)).toBe(sha(revised[0].body))
  })
})
