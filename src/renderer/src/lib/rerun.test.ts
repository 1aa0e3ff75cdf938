import { describe, expect, it } from 'vitest'
import { rerunConfig, updateConfig } from './rerun'

describe('rerunConfig', () => {
  it('drops masked secrets and derived fields, keeps the rest', () => {
    const saved = {
      schemaVersion: 1,
      selection: [{}],
      markets: ['spot'],
      s3_config: { access_key_id: '****1234', secret_access_key: '****', region: 'eu-west-1', endpoint_url: 'http://x' },
    }
    expect(rerunConfig(saved)).toEqual({ markets: ['spot'], s3_config: { region: 'eu-west-1', endpoint_url: 'http://x' } })
  })
})

describe('updateConfig', () => {
  it('keeps the selection, moves the end to latest and copies incrementally', () => {
    const saved = { markets: ['spot'], symbols: ['BTCUSDT'], date_range: { start: '2025-01-01', end: '2025-01-31' }, enable_incremental: false }
    expect(updateConfig(saved)).toEqual({ markets: ['spot'], symbols: ['BTCUSDT'], date_range: { start: '2025-01-01', end: 'latest' }, enable_incremental: true })
  })
})
