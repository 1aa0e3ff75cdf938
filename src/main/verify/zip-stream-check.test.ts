import { describe, expect, it } from 'vitest'
import { makeArchiveFile } from '../dev/fixtures'
import type { FileRef } from '../../shared/keys'
import { describeGaps, streamCheckFor } from './zip-stream-check'

const ALL = Number.MAX_SAFE_INTEGER
const month: FileRef = { market: 'futures/um', frequency: 'monthly', dataType: 'klines', symbol: 'BTCUSDT', interval: '1h', period: '2022-06' }

/** Streams a zip through the check in small chunks, as a download would. */
function check(ref: FileRef, opts: Parameters<typeof makeArchiveFile>[1]) {
  const f = makeArchiveFile(ref, opts)
  const c = streamCheckFor(f.key)!
  for (let i = 0; i < f.zip.length; i += 1000) c.push(f.zip.subarray(i, i + 1000))
  return c.finish()!
}

describe('streaming completeness check', () => {
  it('a whole month of 1h klines (header row included) has no gap', () => {
    const r = check(month, { rows: ALL })
    expect(r).toMatchObject({ kind: 'kline', rows: 30 * 24, outOfOrder: 0, gaps: [], units: ['ms'], first: '2022-06-01T00:00:00.000Z', last: '2022-06-30T23:00:00.000Z' })
  })

  it('a monthly file without a day reports that day with the daily key that has it', () => {
    const r = check(month, { rows: ALL, dropDays: ['2022-06-09'] })
    expect(r.gaps).toEqual([
      { from: '2022-06-09T00:00:00.000Z', to: '2022-06-10T00:00:00.000Z', fillKeys: ['data/futures/um/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2022-06-09.zip'] },
    ])
    expect(describeGaps(r)[0]).toContain('daily files that cover it: data/futures/um/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2022-06-09.zip')
  })

  it('missing first and last days are gaps too (the file must cover its whole period)', () => {
    const r = check(month, { rows: ALL, dropDays: ['2022-06-01', '2022-06-30'] })
    expect(r.gaps.map((g) => [g.from, g.to])).toEqual([
      ['2022-06-01T00:00:00.000Z', '2022-06-02T00:00:00.000Z'],
      ['2022-06-30T00:00:00.000Z', '2022-07-01T00:00:00.000Z'],
    ])
  })

  it('a truncated month (the 48-row fixture default) is a trailing gap naming every uncovered day', () => {
    const r = check(month, {})
    expect(r.gaps).toHaveLength(1)
    expect(r.gaps[0].from).toBe('2022-06-03T00:00:00.000Z')
    expect(r.gaps[0].fillKeys).toHaveLength(28)
  })

  it('reads spot microseconds from 2025-01-01 per value', () => {
    const r = check({ market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1m', period: '2025-01-01' }, { rows: ALL })
    expect(r).toMatchObject({ rows: 1440, gaps: [], units: ['us'], first: '2025-01-01T00:00:00.000Z', last: '2025-01-01T23:59:00.000Z' })
  })

  it('trades are judged on time order only', () => {
    const r = check({ market: 'spot', frequency: 'daily', dataType: 'trades', symbol: 'BTCUSDT', period: '2024-03-01' }, { rows: 200 })
    expect(r).toMatchObject({ kind: 'trade', rows: 200, outOfOrder: 0, gaps: [] })
  })

  it('data types without a time series get no check', () => {
    expect(streamCheckFor('data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip')).toBeUndefined()
    expect(streamCheckFor('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip.CHECKSUM')).toBeUndefined()
  })
})
