import { describe, expect, it } from 'vitest'
import type { FilePreview } from '../../../shared/contract'
import { previewView } from './preview-view'

const preview = (key: string, rows: string[][], unit: 'ms' | 'us'): FilePreview => ({
  key,
  file: key.slice(key.lastIndexOf('/') + 1),
  size: 1000,
  entry: 'x.csv',
  header: false,
  partial: false,
  columns: [
    { name: 'Open time', kind: 'time', unit },
    { name: 'Open', kind: 'number', unit: null },
    { name: 'High', kind: 'number', unit: null },
    { name: 'Low', kind: 'number', unit: null },
    { name: 'Close', kind: 'number', unit: null },
  ],
  rows,
})

describe('previewView', () => {
  it('shows µs times as UTC date-times and charts close over open time', () => {
    const key = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2025-01-01.zip'
    const v = previewView(preview(key, [['1735689600000000', '1', '2', '0.5', '1.5'], ['1735693200000000', '1.5', '2', '1', '1.7']], 'us'))
    expect(v.headers[0]).toBe('Open time (UTC)')
    expect(v.cells.map((r) => r[0])).toEqual(['2025-01-01 00:00:00', '2025-01-01 01:00:00'])
    expect(v.units).toBe('Open time in microseconds')
    expect(v.chart).toEqual({ t: [1735689600, 1735693200], close: [1.5, 1.7] })
  })

  it('draws no chart for a type that is not a kline', () => {
    const key = 'data/futures/um/daily/trades/BTCUSDT/BTCUSDT-trades-2025-01-01.zip'
    expect(previewView(preview(key, [['1735689600000', '1', '2', '3', '4'], ['1735689600001', '1', '2', '3', '4']], 'ms')).chart).toBeNull()
  })
})
