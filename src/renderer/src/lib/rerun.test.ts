import { describe, expect, it } from 'vitest'
import { rerunConfig } from './rerun'

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
