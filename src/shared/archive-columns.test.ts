import { describe, expect, it } from 'vitest'
import { ARCHIVE_COLUMNS, columnsOf, isHeaderLine, KLINE_TYPES } from './archive-columns'
import { CATALOG, MARKETS } from './catalog'

describe('archive column table', () => {
  it('knows every data type the catalog offers', () => {
    for (const market of MARKETS)
      for (const frequency of ['daily', 'monthly'] as const)
        for (const dataType of Object.keys(CATALOG[market][frequency])) expect(columnsOf(market, dataType), `${market} ${dataType}`).toBeDefined()
  })

  it('gives the README kline columns, with the two times marked', () => {
    const k = columnsOf('spot', 'klines')!
    expect(k.map((c) => c.name)).toEqual([
      'Open time', 'Open', 'High', 'Low', 'Close', 'Volume', 'Close time', 'Quote asset volume', 'Number of trades',
      'Taker buy base asset volume', 'Taker buy quote asset volume', 'Ignore',
    ])
    expect(k.filter((c) => c.kind === 'time').map((c) => c.name)).toEqual(['Open time', 'Close time'])
    for (const t of KLINE_TYPES) expect(columnsOf('futures/um', t)).toHaveLength(12)
  })

  it('uses the market variant where the README differs', () => {
    expect(columnsOf('futures/cm', 'klines')![7].name).toBe('Base asset volume')
    expect(columnsOf('spot', 'trades')).toHaveLength(7)
    expect(columnsOf('futures/um', 'trades')).toHaveLength(6)
    expect(columnsOf('futures/cm', 'trades')![3].name).toBe('Base qty')
    expect(columnsOf('futures/um', 'aggTrades')).toHaveLength(7)
    expect(columnsOf('option', 'EOHSummary')).toHaveLength(26)
    expect(columnsOf('spot', 'nope')).toBeUndefined()
    expect(Object.keys(ARCHIVE_COLUMNS)).toContain('BVOLIndex')
  })

  it('tells a header row from a data row', () => {
    expect(isHeaderLine('open_time,open,high,low,close')).toBe(true)
    expect(isHeaderLine('1735689600000000,42000.1,42001')).toBe(false)
    expect(isHeaderLine('2025-05-19 11:07:31,-5,123,456')).toBe(false)
  })
})
