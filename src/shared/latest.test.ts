import { describe, expect, it } from 'vitest'
import { isLatest, latestDay, newestCompleteMonth, periodEnd, periodsOfKeys } from './latest'
import { validateConfig } from './config/validate'

const dir = 'data/spot/daily/klines/BTCUSDT/1h/'
const days = (from: number, to: number, month = '2025-01') => Array.from({ length: to - from + 1 }, (_, i) => `${month}-${String(from + i).padStart(2, '0')}`)

describe('"latest" from a listing', () => {
  it('reads periods from zip keys only', () => {
    const keys = [`${dir}BTCUSDT-1h-2025-01-30.zip`, `${dir}BTCUSDT-1h-2025-01-30.zip.CHECKSUM`, `${dir}BTCUSDT-1h-2025-01-31.zip`, `${dir}notes.txt`]
    expect(periodsOfKeys(keys)).toEqual(['2025-01-30', '2025-01-31'])
  })

  it('is the newest day, or the last day of the newest monthly file', () => {
    expect(latestDay(['2024-12-31', '2025-01-02', '2025-01-01'])).toBe('2025-01-02')
    expect(latestDay(['2024-11', '2024-12'])).toBe('2024-12-31')
    expect(periodEnd('2024-02')).toBe('2024-02-29')
    expect(latestDay([])).toBeNull()
  })

  it('defaults to the newest whole month the listing has', () => {
    // Through 31 January: January is whole.
    expect(newestCompleteMonth([...days(1, 31, '2024-12'), ...days(1, 31)])).toEqual({ start: '2025-01-01', end: '2025-01-31' })
    // Into February: still January, not the open month.
    expect(newestCompleteMonth([...days(1, 31), ...days(1, 3, '2025-02')])).toEqual({ start: '2025-01-01', end: '2025-01-31' })
    expect(newestCompleteMonth(['2024-11', '2024-12'])).toEqual({ start: '2024-12-01', end: '2024-12-31' })
    // Only days of an unfinished month: those days.
    expect(newestCompleteMonth(days(1, 5, '2025-02'))).toEqual({ start: '2025-02-01', end: '2025-02-05' })
    expect(newestCompleteMonth([])).toBeNull()
  })

  it('is accepted as date_range.end, and nothing else that is not a date', () => {
    const base = { destination_bucket: 'lake', enable_s3_direct_sync: true, markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'] }
    const ok = validateConfig({ ...base, date_range: { start: '2025-01-01', end: 'latest' } })
    expect(ok.ok && ok.config.date_range.end).toBe('latest')
    expect(isLatest('latest')).toBe(true)
    const bad = validateConfig({ ...base, date_range: { start: '2025-01-01', end: 'newest' } })
    expect(bad.ok ? [] : bad.issues.map((i) => i.code)).toEqual(['CE004'])
    const start = validateConfig({ ...base, date_range: { start: 'latest', end: '2025-01-01' } })
    expect(start.ok).toBe(false)
  })
})
