import { describe, expect, it } from 'vitest'
import { hiveKey, parseArchiveKey } from './keys'

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
