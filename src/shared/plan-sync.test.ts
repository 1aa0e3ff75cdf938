import { describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from './config/validate'
import { findExtraneous, sourceKeyOfDestination } from './plan-sync'
import { planFolders, type ListedObject } from './plan'

const cfg = (over: Record<string, unknown> = {}): JobConfig => {
  const r = validateConfig(
    { destination_bucket: 'lake', destination_prefix: 'lake/', sync_mode: 'sync', markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-03-01', end: '2024-03-02' }, ...over },
    { now: new Date('2024-06-01T00:00:00Z') },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}
const K = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip'

describe('sourceKeyOfDestination', () => {
  it('inverts the mirror and the Hive layouts', () => {
    expect(sourceKeyOfDestination(cfg(), `lake/${K}`)).toBe(K)
    expect(sourceKeyOfDestination(cfg(), 'elsewhere/x.zip')).toBeUndefined()
    const hive = cfg({ destination_layout: 'hive' })
    expect(sourceKeyOfDestination(hive, 'lake/market=spot/data_type=klines/symbol=BTCUSDT/interval=1h/date=2024-03-01/BTCUSDT-1h-2024-03-01.zip')).toBe(K)
    expect(sourceKeyOfDestination(hive, 'lake/market=futures_um/data_type=fundingRate/symbol=BTCUSDT/date=2023-05/BTCUSDT-fundingRate-2023-05.zip')).toBe(
      'data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2023-05.zip',
    )
    expect(sourceKeyOfDestination(hive, 'lake/readme.txt')).toBeUndefined()
  })
})

describe('findExtraneous', () => {
  it('lists only destination objects of listed folders that the source lacks, even outside the date range', () => {
    const c = cfg()
    const folders = planFolders(c, '2024-06-01')
    const src = new Map<string, ListedObject[]>([[folders[0].folder, [{ key: K, size: 1 }]]])
    const old = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2020-01-01.zip'
    const dst = new Map<string, ListedObject>(
      [`lake/${K}`, `lake/${old}`, 'lake/data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-03-01.zip', 'lake/notes.txt'].map((key) => [key, { key, size: 1 }]),
    )
    expect(findExtraneous(c, folders, [...src.values()].flat().map((o) => o.key), dst)).toEqual([`lake/${old}`])
  })
})
