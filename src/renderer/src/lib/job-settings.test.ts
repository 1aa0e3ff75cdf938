import { describe, expect, it } from 'vitest'
import { validateConfig } from '../../../shared/config/validate'
import { DEFAULT_SETTINGS, enumChoices, mergeSettings, perfRange } from './job-settings'
import { importSpecJson } from './spec-json'
import { TEMPLATES } from './templates'
import type { Selection } from './selection'

const selection: Selection = {
  market: 'spot', dataType: 'klines', frequency: 'daily', interval: '1h', symbols: ['BTCUSDT'],
  start: '2024-12-01', end: '2024-12-02', destinationBucket: 'lake', destinationPrefix: 'bronze', maxConcurrent: 10,
}
const base = { markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-12-01', end: '2024-12-02' }, destination_bucket: 'lake' }

describe('settings from the schema', () => {
  it('reads ranges, defaults and choices from the config schema', () => {
    expect(perfRange('batch_size')).toEqual({ key: 'batch_size', min: 1, max: 1000, default: 100 })
    expect(perfRange('max_concurrent')).toMatchObject({ min: 1, max: 50, default: 10 })
    expect(enumChoices('operation_mode')).toEqual(['auto', 'direct_sync', 'traditional', 'batch_operations'])
    expect(enumChoices('verify')).toEqual(['none', 'size', 'etag', 'sha256'])
    expect(DEFAULT_SETTINGS).toMatchObject({ verify: 'etag', include_checksums: true, retry_count: 3 })
  })

  it('every template makes a valid job file', () => {
    for (const t of TEMPLATES) {
      const c = mergeSettings(base, { ...DEFAULT_SETTINGS, ...t.settings }, t.maxConcurrent)
      expect(validateConfig(c).ok, t.id).toBe(true)
    }
  })

  it('an out-of-range batch size is CE003 on its field', () => {
    const r = validateConfig(mergeSettings(base, { ...DEFAULT_SETTINGS, batch_size: 5000 }, 10))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ code: 'CE003', field: 'performance_optimization.batch_size' }))
  })
})

describe('importSpecJson', () => {
  it('maps the spec file onto the form and drops credentials', () => {
    const file = {
      markets: ['futures_um'], symbols: { futures_um: ['btcusdt'] }, data_types: ['klines'], intervals: ['4h'],
      date_range: { start: '2024-01-01', end: '2024-01-31' }, operation_mode: 'direct_sync', frequency: 'auto',
      performance_optimization: { max_concurrent: 32, batch_size: 500 }, s3_config: { access_key_id: 'AKIA', secret_access_key: 's', profile: 'lake', region: 'eu-west-1' },
    }
    const r = importSpecJson(JSON.stringify(file), selection)
    expect(r.selection).toMatchObject({ market: 'futures/um', dataType: 'klines', interval: '4h', symbols: ['BTCUSDT'], start: '2024-01-01', maxConcurrent: 32 })
    expect(r.settings).toMatchObject({ operation_mode: 'direct_sync', frequencyAuto: true, batch_size: 500, part_size_mb: 50, profile: 'lake', region: 'eu-west-1' })
    expect(r.notes.join(' ')).toMatch(/credentials in the file were ignored/)
    expect(JSON.stringify(r)).not.toMatch(/AKIA|"s"/)
  })

  it('refuses what is not a JSON object', () => {
    expect(() => importSpecJson('[1]', selection)).toThrow(/not a JSON object/)
  })
})
