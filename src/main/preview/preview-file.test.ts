import type { S3Client } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { makeArchiveFile } from '../dev/fixtures'
import { previewFile } from './preview-file'

/** A source that answers GetObject with `zip`, honouring Range like S3 does. */
function fakeSource(objects: Record<string, Uint8Array>) {
  const ranges: string[] = []
  const client = {
    async send(cmd: { input: { Key: string; Range?: string } }) {
      const body = objects[cmd.input.Key]
      if (!body) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' })
      const m = /^bytes=(\d+)-(\d+)$/.exec(cmd.input.Range ?? '')
      ranges.push(cmd.input.Range ?? '')
      const part = m ? body.subarray(Number(m[1]), Number(m[2]) + 1) : body
      return { Body: { transformToByteArray: async () => part }, ContentRange: m ? `bytes ${m[1]}-${Number(m[1]) + part.length - 1}/${body.length}` : undefined }
    },
  }
  return { client: client as unknown as S3Client, ranges }
}

const kline = (period: string, rows?: number, interval = '1h') =>
  makeArchiveFile({ market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval, period }, { rows })

describe('previewFile', () => {
  it('gives the kline columns and the first rows of a µs-era spot file', async () => {
    const f = kline('2025-01-01')
    const { client, ranges } = fakeSource({ [f.key]: f.zip })
    const p = await previewFile({ client, bucket: 'src', root: 'data/', key: f.key, rows: 10 })
    expect(p.file).toBe('BTCUSDT-1h-2025-01-01.zip')
    expect(p.entry).toBe('BTCUSDT-1h-2025-01-01.csv')
    expect(p.header).toBe(false)
    expect(p.columns.map((c) => c.name).slice(0, 7)).toEqual(['Open time', 'Open', 'High', 'Low', 'Close', 'Volume', 'Close time'])
    expect(p.columns[0]).toMatchObject({ kind: 'time', unit: 'us' })
    expect(p.rows).toHaveLength(10)
    expect(p.rows[0][0]).toBe(String(Date.UTC(2025, 0, 1) * 1000))
    expect(p.partial).toBe(false)
    expect(ranges).toEqual(['bytes=0-8388607'])
  })

  it('reads only the first bytes of a large file and still gives whole rows', async () => {
    const f = kline('2024-12-31', 1440, '1m')
    const { client } = fakeSource({ [f.key]: f.zip })
    const p = await previewFile({ client, bucket: 'src', root: 'data/', key: f.key, rows: 200, maxBytes: 4096 })
    expect(p.partial).toBe(true)
    expect(p.size).toBe(f.zip.length)
    expect(p.rows.length).toBeGreaterThanOrEqual(5)
    for (const row of p.rows) expect(row).toHaveLength(12)
    expect(p.columns[0].unit).toBe('ms')
  })

  it('skips a futures header row and refuses keys outside the archive grammar', async () => {
    const f = makeArchiveFile({ market: 'futures/um', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1h', period: '2025-01-01' })
    const { client } = fakeSource({ [f.key]: f.zip })
    const p = await previewFile({ client, bucket: 'src', root: 'data/', key: f.key })
    expect(p.header).toBe(true)
    expect(p.rows[0][0]).toBe(String(Date.UTC(2025, 0, 1)))
    await expect(previewFile({ client, bucket: 'src', root: 'data/', key: 'secrets/x.zip' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await expect(previewFile({ client, bucket: 'src', root: 'data/', key: f.key.replace('01-01', '01-02') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
