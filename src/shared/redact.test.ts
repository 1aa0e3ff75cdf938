import { describe, expect, it } from 'vitest'
import { isMasked, mask, redactConfig, redactText } from './redact'

describe('redactConfig', () => {
  it('never keeps a key in full, and masking twice changes nothing', () => {
    const c = { markets: ['spot'], s3_config: { access_key_id: 'AKIAEXAMPLE1234', secret_access_key: 's3cr3t-value', session_token: 'tkn-value-9', region: 'eu-west-1' } }
    const once = redactConfig(c)
    expect(once).toEqual({ markets: ['spot'], s3_config: { access_key_id: '****1234', secret_access_key: '****', session_token: '****', region: 'eu-west-1' } })
    expect(JSON.stringify(once)).not.toMatch(/AKIAEXAMPLE|s3cr3t|tkn-value/)
    expect(redactConfig(once)).toEqual(once)
    expect(c.s3_config.secret_access_key).toBe('s3cr3t-value') // the input is not mutated
  })

  it('leaves a config without keys as it is', () => {
    const c = { s3_config: { profile: 'lake', region: 'us-east-1' } }
    expect(redactConfig(c)).toEqual({ s3_config: { profile: 'lake', region: 'us-east-1' } })
  })

  it('marks what it masked so a client can recognise it', () => {
    expect(isMasked(mask('AKIAEXAMPLE1234'))).toBe(true)
    expect(isMasked('AKIAEXAMPLE1234')).toBe(false)
    expect(mask(undefined)).toBeUndefined()
  })
})

describe('redactText', () => {
  it('replaces every occurrence of every known secret, and ignores ones too short to be keys', () => {
    const r = redactText(['AKIAEXAMPLE1234', 'wJalrXUtnFEMI', undefined, 'ab'])
    expect(r('id=AKIAEXAMPLE1234 key=wJalrXUtnFEMI again AKIAEXAMPLE1234 ab')).toBe('id=[redacted] key=[redacted] again [redacted] ab')
    expect(redactText([])('AKIAEXAMPLE1234')).toBe('AKIAEXAMPLE1234')
  })
})
