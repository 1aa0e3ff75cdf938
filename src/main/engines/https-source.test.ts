// The HTTPS archive's URL for a key: the base plus each path segment URL-encoded, slashes kept.
import { describe, expect, it } from 'vitest'
import { httpsUrl } from './https-source'

describe('httpsUrl', () => {
  it('encodes each segment, keeps the slashes', () => {
    expect(httpsUrl('https://data.binance.vision/', 'data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip')).toBe(
      'https://data.binance.vision/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip',
    )
    expect(httpsUrl('https://h/', 'data/a b/c+d=e?#%/币安.zip')).toBe('https://h/data/a%20b/c%2Bd%3De%3F%23%25/%E5%B8%81%E5%AE%89.zip')
  })
})
