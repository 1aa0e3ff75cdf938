import { describe, expect, it } from 'vitest'
import { hiveKey, hiveKeyFn, parseArchiveKey } from './keys'

describe('parseArchiveKey and hiveKey', () => {
  it('reads every family of key back into its parts', () => {
    expect(parseArchiveKey('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip')).toEqual({
      market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1h', period: '2024-01-01', file: 'BTCUSDT-1h-2024-01-01.zip',
    })
    expect(parseArchiveKey('data/futures/cm/monthly/fundingRate/BTCUSD_PERP/BTCUSD_PERP-fundingRate-2023-05.zip.CHECKSUM')).toMatchObject({
      market: 'futures/cm', frequency: 'monthly', dataType: 'fundingRate', symbol: 'BTCUSD_PERP', interval: undefined, period: '2023-05',
    })
    expect(parseArchiveKey('data/forex/daily/x/Y/Y-x-2024-01-01.zip')).toBeUndefined()
    expect(parseArchiveKey('other/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip')).toBeUndefined()
  })

  it('lays files out in Hive partitions, checksum beside its zip', () => {
    expect(hiveKey('lake/', 'data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip')).toBe(
      'lake/market=futures_um/data_type=klines/symbol=BTCUSDT/interval=1m/date=2024-01-01/BTCUSDT-1m-2024-01-01.zip',
    )
    expect(hiveKey('', 'data/spot/monthly/trades/BNBUSDT/BNBUSDT-trades-2019-01.zip.CHECKSUM')).toBe(
      'market=spot/data_type=trades/symbol=BNBUSDT/date=2019-01/BNBUSDT-trades-2019-01.zip.CHECKSUM',
    )
    // Outside the grammar: mirrored, never guessed.
    expect(hiveKey('lake', 'data/odd/file.txt')).toBe('lake/data/odd/file.txt')
  })
})

describe('hiveKeyFn', () => {
  const keys = [
    'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip',
    'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip.CHECKSUM',
    'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-02.zip',
    'data/spot/daily/klines/BTCUSDT/1h/notes.txt',
    'data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01.zip',
    'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-03.zip',
    'data/futures/cm/daily/fundingRate/BTCUSD_PERP/BTCUSD_PERP-fundingRate-2023-05-01.zip',
    'data/forex/daily/x/Y/Y-x-2024-01-01.zip',
    'data/forex/daily/x/Y/Y-x-2024-01-02.zip',
    'data/spot/daily/klines/BTCUSDT/1h/extra/BTCUSDT-1h-2024-01-01.zip',
    'other/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip',
    'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-04.zip',
    'BTCUSDT-1h-2024-01-01.zip',
  ]

  it.each([
    ['lake/', 'data/'],
    ['/lake/bronze/', 'data/'],
    ['', 'data/'],
    ['lake', 'other/'],
    ['lake', 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT'],
  ])('is hiveKey, key by key, under prefix %j and root %j', (prefix, root) => {
    const fn = hiveKeyFn(prefix, root)
    expect(keys.map((k) => fn(k))).toEqual(keys.map((k) => hiveKey(prefix, k, root)))
  })
})
