import { describe, expect, it } from 'vitest'
import { SYMBOL_RE, archiveFolder, archiveKey, archiveKeyHead, basename, checksumKey, joinKey, mirrorKey, s3Url, symbolDir, type FileRef } from './keys'

// Every example key of reference §1.5, with the parts it is made of.
const EXAMPLES: [string, FileRef][] = [
  ['data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip', { market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1h', period: '2024-01-01' }],
  ['data/spot/monthly/klines/ADABKRW/1h/ADABKRW-1h-2020-08.zip', { market: 'spot', frequency: 'monthly', dataType: 'klines', symbol: 'ADABKRW', interval: '1h', period: '2020-08' }],
  ['data/spot/daily/klines/BTCUSDT/1s/BTCUSDT-1s-2025-01-01.zip', { market: 'spot', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1s', period: '2025-01-01' }],
  ['data/spot/monthly/trades/BNBUSDT/BNBUSDT-trades-2019-01.zip', { market: 'spot', frequency: 'monthly', dataType: 'trades', symbol: 'BNBUSDT', period: '2019-01' }],
  ['data/spot/daily/aggTrades/ETHUSDT/ETHUSDT-aggTrades-2024-11-19.zip', { market: 'spot', frequency: 'daily', dataType: 'aggTrades', symbol: 'ETHUSDT', period: '2024-11-19' }],
  ['data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2021-02-22.zip', { market: 'futures/um', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSDT', interval: '1m', period: '2021-02-22' }],
  ['data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2022-05.zip', { market: 'futures/um', frequency: 'monthly', dataType: 'klines', symbol: 'BTCUSDT', interval: '1m', period: '2022-05' }],
  ['data/futures/um/daily/trades/BTCUSDT_210326/BTCUSDT_210326-trades-2021-03-08.zip', { market: 'futures/um', frequency: 'daily', dataType: 'trades', symbol: 'BTCUSDT_210326', period: '2021-03-08' }],
  ['data/futures/um/daily/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip', { market: 'futures/um', frequency: 'daily', dataType: 'markPriceKlines', symbol: 'BTCUSDT', interval: '1m', period: '2024-01-01' }],
  ['data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-03.zip', { market: 'futures/um', frequency: 'monthly', dataType: 'fundingRate', symbol: 'BTCUSDT', period: '2026-03' }],
  ['data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2023-07-25.zip', { market: 'futures/um', frequency: 'daily', dataType: 'metrics', symbol: 'BTCUSDT', period: '2023-07-25' }],
  ['data/futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2025-05-19.zip', { market: 'futures/um', frequency: 'daily', dataType: 'bookDepth', symbol: 'BTCUSDT', period: '2025-05-19' }],
  ['data/futures/um/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2023-06-01.zip', { market: 'futures/um', frequency: 'daily', dataType: 'bookTicker', symbol: 'BTCUSDT', period: '2023-06-01' }],
  [
    'data/futures/um/daily/liquidationSnapshot/BTCUSDT/BTCUSDT-liquidationSnapshot-2023-07-31.zip',
    { market: 'futures/um', frequency: 'daily', dataType: 'liquidationSnapshot', symbol: 'BTCUSDT', period: '2023-07-31' },
  ],
  ['data/futures/cm/daily/klines/BTCUSD_PERP/1h/BTCUSD_PERP-1h-2023-10-27.zip', { market: 'futures/cm', frequency: 'daily', dataType: 'klines', symbol: 'BTCUSD_PERP', interval: '1h', period: '2023-10-27' }],
  // The user picks the contract; index klines live under the pair.
  ['data/futures/cm/monthly/indexPriceKlines/BTCUSD/1h/BTCUSD-1h-2020-06.zip', { market: 'futures/cm', frequency: 'monthly', dataType: 'indexPriceKlines', symbol: 'BTCUSD_PERP', interval: '1h', period: '2020-06' }],
  ['data/futures/cm/monthly/fundingRate/BTCUSD_PERP/BTCUSD_PERP-fundingRate-2023-05.zip', { market: 'futures/cm', frequency: 'monthly', dataType: 'fundingRate', symbol: 'BTCUSD_PERP', period: '2023-05' }],
  ['data/option/daily/BVOLIndex/BTCBVOLUSDT/BTCBVOLUSDT-BVOLIndex-2023-09-25.zip', { market: 'option', frequency: 'daily', dataType: 'BVOLIndex', symbol: 'BTCBVOLUSDT', period: '2023-09-25' }],
  ['data/option/daily/EOHSummary/BTCUSDT/BTCUSDT-EOHSummary-2023-10-23.zip', { market: 'option', frequency: 'daily', dataType: 'EOHSummary', symbol: 'BTCUSDT', period: '2023-10-23' }],
]

describe('archiveKey — reference §1.5 examples', () => {
  it('covers all 19 examples', () => expect(EXAMPLES).toHaveLength(19))

  it.each(EXAMPLES)('%s', (key, ref) => {
    expect(archiveKey(ref)).toBe(key)
  })

  it.each(EXAMPLES)('head of %s is the key up to its period, inside its folder', (key, ref) => {
    const { period, ...noPeriod } = ref
    const head = archiveKeyHead(noPeriod, 'mirror/data/')
    expect(`${head}${period}.zip`).toBe(`mirror/${key}`)
    expect(head.startsWith(archiveFolder(noPeriod, 'mirror/data/'))).toBe(true)
  })

  it.each(EXAMPLES)('folder of %s is its directory', (key, ref) => {
    const { period: _p, ...noPeriod } = ref
    expect(archiveFolder(noPeriod)).toBe(key.slice(0, key.lastIndexOf('/') + 1))
  })

  it.each(EXAMPLES)('checksum of %s', (key) => {
    expect(checksumKey(key)).toBe(`${key}.CHECKSUM`)
    expect(basename(checksumKey(key))).toBe(`${basename(key)}.CHECKSUM`)
  })
})

describe('COIN-M index klines use the pair', () => {
  const ref = { market: 'futures/cm', frequency: 'daily', dataType: 'indexPriceKlines', interval: '1m', period: '2024-01-01' } as const

  it('BTCUSD_PERP, BTCUSD_240927 and BTCUSD all map to the BTCUSD folder', () => {
    for (const symbol of ['BTCUSD_PERP', 'BTCUSD_240927', 'BTCUSD', 'btcusd_perp'])
      expect(archiveKey({ ...ref, symbol })).toBe('data/futures/cm/daily/indexPriceKlines/BTCUSD/1m/BTCUSD-1m-2024-01-01.zip')
  })

  it('other COIN-M kline types keep the contract', () => {
    expect(archiveKey({ ...ref, dataType: 'premiumIndexKlines', symbol: 'ADAUSD_PERP' })).toBe(
      'data/futures/cm/daily/premiumIndexKlines/ADAUSD_PERP/1m/ADAUSD_PERP-1m-2024-01-01.zip',
    )
    expect(archiveKey({ ...ref, dataType: 'markPriceKlines', symbol: 'BTCUSD_PERP' })).toBe(
      'data/futures/cm/daily/markPriceKlines/BTCUSD_PERP/1m/BTCUSD_PERP-1m-2024-01-01.zip',
    )
  })

  it('USD-M index klines keep the symbol, underscore and all', () => {
    expect(archiveKey({ ...ref, market: 'futures/um', symbol: 'BTCUSDT_240927' })).toBe(
      'data/futures/um/daily/indexPriceKlines/BTCUSDT_240927/1m/BTCUSDT_240927-1m-2024-01-01.zip',
    )
  })

  it('symbolDir upper-cases', () => {
    expect(symbolDir('spot', 'daily', 'klines', 'btcusdt')).toBe('BTCUSDT')
    expect(symbolDir('futures/cm', 'monthly', 'indexPriceKlines', 'ethusd_perp')).toBe('ETHUSD')
  })
})

describe('archive keys under another root', () => {
  it('archiveKey and archiveFolder honour the root prefix', () => {
    const ref: FileRef = { market: 'spot', frequency: 'daily', dataType: 'trades', symbol: 'BTCUSDT', period: '2024-01-01' }
    expect(archiveKey(ref, 'mirror/data/')).toBe('mirror/data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-01-01.zip')
    expect(archiveFolder(ref, 'mirror/data/')).toBe('mirror/data/spot/daily/trades/BTCUSDT/')
  })
})

describe('destination keys: <prefix>/<full source key>', () => {
  const src = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip'

  it.each([
    ['binance/archive', `binance/archive/${src}`],
    ['binance/archive/', `binance/archive/${src}`],
    ['/binance/archive', `binance/archive/${src}`],
    ['/binance/archive//', `binance/archive/${src}`],
    ['bronze', `bronze/${src}`],
    ['', src],
    ['/', src],
  ])('prefix %j', (prefix, want) => {
    expect(mirrorKey(prefix, src)).toBe(want)
  })

  it('keeps the full source path, so same-named kline files of different types do not collide', () => {
    const a = mirrorKey('p', 'data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip')
    const b = mirrorKey('p', 'data/futures/um/daily/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip')
    expect(basename(a)).toBe(basename(b))
    expect(a).not.toBe(b)
  })

  it('the checksum lands beside its zip', () => {
    expect(mirrorKey('lake', checksumKey(src))).toBe(`${mirrorKey('lake', src)}.CHECKSUM`)
  })
})

describe('joinKey', () => {
  it('joins with single slashes and drops empty parts', () => {
    expect(joinKey('a', 'b', 'c')).toBe('a/b/c')
    expect(joinKey('a/', '/b/', '//c')).toBe('a/b/c')
    expect(joinKey('', 'a', '', 'b')).toBe('a/b')
    expect(joinKey('a/b', 'c/d.zip')).toBe('a/b/c/d.zip')
    expect(joinKey()).toBe('')
    expect(joinKey('', '/')).toBe('')
  })
})

describe('small helpers', () => {
  it('basename', () => {
    expect(basename('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip')).toBe('BTCUSDT-1h-2024-01-01.zip')
    expect(basename('plain.zip')).toBe('plain.zip')
  })

  it('s3Url', () => {
    expect(s3Url('data.binance.vision', 'data/spot/x.zip')).toBe('s3://data.binance.vision/data/spot/x.zip')
  })

  it('SYMBOL_RE accepts archive symbols and rejects anything shell- or path-like', () => {
    for (const s of ['BTCUSDT', '1INCHUSDT', 'BTCUSD_PERP', 'BTCUSDT_210326', 'LUNAUSDT_SETTLED', 'AERGOUSDTSETTLED', '币安人生USDT']) expect(SYMBOL_RE.test(s), s).toBe(true)
    for (const s of ['', 'btcusdt', 'BTC/USDT', '..', 'BTC USDT', "BTC'X", '_BTC', 'A'.repeat(65), 'BTC\nUSDT']) expect(SYMBOL_RE.test(s), JSON.stringify(s)).toBe(false)
  })
})
