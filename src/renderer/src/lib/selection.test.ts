import { describe, expect, it } from 'vitest'
import { dataTypeOptions, intervalOptions } from './catalog-view'
import { addSymbols, buildJobConfig, parseSymbols, reconcile, type Selection } from './selection'

const base: Selection = {
  market: 'spot',
  dataType: 'klines',
  frequency: 'daily',
  interval: '1h',
  symbols: ['BTCUSDT', 'ETHUSDT'],
  start: '2024-03-01',
  end: '2024-03-10',
  destinationBucket: 'lake',
  destinationPrefix: 'bronze/binance',
  maxConcurrent: 10,
}

describe('buildJobConfig', () => {
  it('writes the spec format with an interval for klines', () => {
    expect(buildJobConfig(base)).toEqual({
      enable_s3_direct_sync: true,
      operation_mode: 'auto',
      destination_bucket: 'lake',
      destination_prefix: 'bronze/binance',
      markets: ['spot'],
      symbols: ['BTCUSDT', 'ETHUSDT'],
      data_types: ['klines'],
      intervals: ['1h'],
      date_range: { start: '2024-03-01', end: '2024-03-10' },
      frequency: 'daily',
      performance_optimization: { max_concurrent: 10 },
    })
  })
  it('leaves intervals out for data types without one', () => {
    const cfg = buildJobConfig(reconcile({ ...base, dataType: 'trades' }))
    expect(cfg).not.toHaveProperty('intervals')
  })
})

describe('reconcile', () => {
  it('falls back to a data type and frequency the market has', () => {
    const sel = reconcile({ ...base, market: 'futures/um', dataType: 'fundingRate', frequency: 'daily' })
    expect(sel.frequency).toBe('monthly')
    expect(sel.interval).toBe('')
  })
  it('keeps a valid interval and replaces an impossible one', () => {
    expect(reconcile(base).interval).toBe('1h')
    expect(reconcile({ ...base, market: 'futures/um', interval: '1s' }).interval).toBe('1h')
  })
  it('moves off a data type the new market lacks', () => {
    expect(reconcile({ ...base, market: 'option' }).dataType).toBe('BVOLIndex')
  })
})

describe('symbols', () => {
  it('parses pasted lists and de-duplicates', () => {
    expect(parseSymbols(' btcusdt, ethusdt;bnbusdt\n')).toEqual(['BTCUSDT', 'ETHUSDT', 'BNBUSDT'])
    expect(addSymbols(['BTCUSDT'], ['ETHUSDT', 'BTCUSDT'])).toEqual(['BTCUSDT', 'ETHUSDT'])
  })
})

describe('catalog options', () => {
  it('labels stopped and uncertain data types', () => {
    const labels = dataTypeOptions('futures/um').map((o) => o.label)
    expect(labels).toContain('bookTicker (stopped)')
    expect(labels).toContain('bookDepth')
    expect(dataTypeOptions('futures/cm').map((o) => o.label)).toContain('bookTicker (stopped)')
    expect(dataTypeOptions('futures/cm').map((o) => o.label)).toContain('bookDepth (uncertain)')
  })
  it('offers an interval only where its tree has it, and says when it ended', () => {
    expect(intervalOptions('spot', 'daily', 'klines').map((o) => o.value)).not.toContain('1w')
    const w = intervalOptions('futures/um', 'monthly', 'klines').find((o) => o.value === '1w')!
    expect(w.label).toBe('1w (ended 2024-02-29)')
    expect(intervalOptions('futures/um', 'daily', 'klines').find((o) => o.value === '3d')!.label).toBe('3d (ended 2023-12-31)')
  })
  it('marks irregular intervals', () => {
    const labels = intervalOptions('spot', 'monthly', 'klines').map((o) => o.label)
    expect(labels).toContain('1w (irregular)')
    expect(labels).toContain('1h')
  })
})
