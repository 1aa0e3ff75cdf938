import { describe, expect, it } from 'vitest'
import { catalogEntries, catalogText } from './catalog'

const entry = (market: string, dt: string) => catalogEntries().find((e) => e.market === market && e.data_type === dt)!

describe('archive-sync catalog --json', () => {
  it('one object per market and data type, with frequencies and intervals per frequency', () => {
    const all = catalogEntries()
    expect(new Set(all.map((e) => `${e.market} ${e.data_type}`)).size).toBe(all.length)
    expect(all).toHaveLength(3 + 11 + 11 + 2)
    expect(entry('spot', 'klines').intervals.daily).not.toContain('1w')
    expect(entry('spot', 'klines').intervals.monthly).toContain('1w')
    expect(entry('futures/um', 'fundingRate')).toMatchObject({ frequencies: ['monthly'], intervals: { monthly: [] } })
    expect(entry('futures/um', 'klines').interval_until).toEqual({ daily: { '3d': '2023-12-31', '1w': '2023-12-31', '1mo': '2023-12-31' }, monthly: { '3d': '2024-02-29', '1w': '2024-02-29', '1mo': '2024-02-29' } })
    expect(JSON.parse(JSON.stringify(all))).toEqual(all)
  })

  it('carries the true labels with their dates', () => {
    expect(entry('futures/um', 'bookDepth')).toMatchObject({ status: 'active', frequencies: ['daily'], note: expect.stringMatching(/30-second/) })
    expect(entry('futures/cm', 'bookTicker')).toMatchObject({ status: 'stopped', until: '2024-10-15' })
    expect(entry('futures/um', 'bookTicker')).toMatchObject({ status: 'stopped', until: '2024-03-31' })
    expect(entry('futures/cm', 'premiumIndexKlines')).toMatchObject({ status: 'active', contracts: 'perpetual' })
    expect(entry('option', 'BVOLIndex')).toMatchObject({ status: 'active', frequencies: ['daily'], known_gaps: expect.arrayContaining(['2025-12-15…2026-01-04']) })
    expect(entry('futures/um', 'liquidationSnapshot')).toMatchObject({ status: 'removed' })
    for (const e of catalogEntries()) expect(['active', 'stopped', 'removed', 'uncertain']).toContain(e.status)
  })

  it('the text form marks ended intervals per frequency', () => {
    const line = catalogText().split('\n').find((l) => l.includes('markPriceKlines'))!
    expect(line).toContain('daily: 1m')
    expect(line).toContain('1w†')
  })
})
