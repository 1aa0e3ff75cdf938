// The client config's keys (what a connection may set) and the checks that keep a few kB of
// request from naming binaries, endpoints, hostile names or an unbounded plan.
import { describe, expect, it } from 'vitest'
import { clientConfigSchema, clientKeyIssues, toClientConfig } from './client'
import { closest } from './closest'
import { stripUserinfo, cleartextWarnings } from './endpoint'
import { CLIENT_LIMITS, validateConfig } from './validate'

const NOW = new Date('2024-06-15T12:00:00Z')
const SELECTION = { markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-03-01', end: '2024-03-10' } }
const OK = { destination_bucket: 'lake', ...SELECTION }
const codes = (input: unknown, limits = false) => {
  const r = validateConfig(input, { now: NOW, env: {}, ...(limits ? { limits: CLIENT_LIMITS } : {}) })
  return r.ok ? [] : r.issues.map((i) => `${i.code} ${i.field}`)
}

describe('client keys', () => {
  it('accepts what the UI sends', () => {
    const ui = { ...OK, enable_s3_direct_sync: true, operation_mode: 'auto', destination_prefix: 'bronze', frequency: 'daily', sync_mode: 'copy', verify: 'etag', destination_layout: 'mirror', include_checksums: true, performance_optimization: { max_concurrent: 10, batch_size: 100, part_size_mb: 50, retry_count: 3 }, s3_config: { profile: 'lake', region: 'eu-west-1' } }
    expect(clientKeyIssues(ui)).toEqual([])
    expect(clientConfigSchema.safeParse(ui).success).toBe(true)
  })

  it('refuses server-side keys with CE018 and says where they are set instead', () => {
    const bad = { s5cmd_path: '/usr/bin/id', source: { https_base: 'http://169.254.169.254/' }, delete_extraneous: true, s3_config: { endpoint_url: 'http://127.0.0.1:1', secret_access_key: 'x', region: 'us-east-1' } }
    const issues = clientKeyIssues(bad)
    expect(issues.map((i) => `${i.code} ${i.field}`)).toEqual(['CE018 s5cmd_path', 'CE018 source', 'CE018 delete_extraneous', 'CE018 s3_config.endpoint_url', 'CE018 s3_config.secret_access_key'])
    expect(issues[0].message).toMatch(/S5CMD_PATH/)
  })

  it('refuses unknown keys with CE017 naming the closest known key', () => {
    const issues = clientKeyIssues({ destination_bukket: 'x', performance_optimization: { max_concurent: 3 }, zzz: 1 })
    expect(issues.map((i) => i.message)).toEqual([
      'unknown key "destination_bukket"; did you mean "destination_bucket"?',
      'unknown key "performance_optimization.max_concurent"; did you mean "max_concurrent"?',
      'unknown key "zzz"',
    ])
    expect(issues.every((i) => i.code === 'CE017')).toBe(true)
    const parsed = clientConfigSchema.safeParse({ zzz: 1, constructor: 1 })
    expect(parsed.success).toBe(false)
  })

  it('cuts a saved job config down to client keys for a re-run', () => {
    const saved = { ...OK, s5cmd_path: '/opt/s5cmd', source: { bucket: 'x' }, delete_extraneous: true, s3_config: { endpoint_url: 'http://x', access_key_id: '****1234', region: 'us-east-1', profile: 'p' }, schemaVersion: 1 }
    const c = toClientConfig(saved)
    expect(clientKeyIssues(c)).toEqual([])
    expect(c).toMatchObject({ destination_bucket: 'lake', s3_config: { region: 'us-east-1', profile: 'p' } })
    expect(JSON.stringify(c)).not.toMatch(/s5cmd|endpoint|access_key|delete_extraneous|"source"/)
  })

  it('closest stays silent for far names', () => {
    expect(closest('verfy', ['verify', 'frequency'])).toBe('verify')
    expect(closest('banana', ['verify', 'frequency'])).toBeUndefined()
  })
})

describe('names that reach cp lines and URLs', () => {
  it('a newline or other character outside the naming rules in a bucket or region is a CE code', () => {
    expect(codes({ ...OK, destination_bucket: 'lake\ncp s3://a/b s3://c/d' })).toEqual(['CE009 destination_bucket'])
    expect(codes({ ...OK, source: { bucket: 'data.binance.vision\nrm s3://lake/*' } })).toEqual(['CE009 source.bucket'])
    expect(codes({ ...OK, source: { region: 'ap-northeast-1\nrm' } })).toEqual(['CE022 source.region'])
    expect(codes({ ...OK, s3_config: { region: 'us-east-1 --endpoint-url http://x' } })).toEqual(['CE022 s3_config.region'])
  })

  it('source.prefix follows the unsafe-path rule', () => {
    expect(codes({ ...OK, source: { prefix: '../../../' } })).toEqual(['CE016 source.prefix'])
  })

  it('built-in property names are no market, data type or interval', () => {
    expect(codes({ ...OK, markets: ['constructor'] })).toContain('CE005 markets')
    expect(codes({ ...OK, markets: ['__proto__'] })).toContain('CE005 markets')
    expect(codes({ ...OK, data_types: ['constructor'] })).toEqual(['CE006 data_types'])
    expect(codes({ ...OK, data_types: ['toString'] })).toEqual(['CE006 data_types'])
    expect(codes({ ...OK, intervals: { constructor: ['1h'] } })).toEqual(['CE007 intervals'])
  })
})

describe('size limits for connections', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `S${i}USDT`)
  it('too many symbols, too long a range, too large a plan are CE019, CE020, CE021', () => {
    expect(codes({ ...OK, symbols: many(1001) }, true)).toEqual(['CE019 symbols'])
    expect(codes({ ...OK, date_range: { start: '2010-01-01', end: '2024-06-01' } }, true)).toEqual(['CE020 date_range'])
    // An end of "latest" is counted up to today: a request the UI's Update sends.
    expect(codes({ ...OK, date_range: { start: '2010-01-01', end: 'latest' } }, true)).toEqual(['CE020 date_range'])
    expect(codes({ ...OK, date_range: { start: '2024-06-01', end: 'latest' } }, true)).toEqual([])
    const big = { ...OK, symbols: many(400), intervals: ['1m', '5m', '15m', '1h'], date_range: { start: '2020-01-01', end: '2024-06-01' } }
    expect(codes(big, true)).toEqual(['CE021 selection'])
    expect(codes(big)).toEqual([])
  })

  it('an ordinary selection is within them', () => {
    expect(codes({ ...OK, symbols: many(50), date_range: { start: '2023-01-01', end: '2024-06-01' } }, true)).toEqual([])
  })
})

describe('endpoints', () => {
  it('userinfo never survives parsing, so it is never shown or stored', () => {
    const r = validateConfig({ ...OK, s3_config: { endpoint_url: 'https://user:pass@s3.example.com/' }, source: { endpoint_url: 'http://a:b@127.0.0.1:9000' } }, { now: NOW, env: {} })
    expect(r.ok && [r.config.s3_config.endpoint_url, r.config.source.endpoint_url]).toEqual(['https://s3.example.com/', 'http://127.0.0.1:9000/'])
    expect(stripUserinfo('https://s3.example.com')).toBe('https://s3.example.com')
  })

  it('warns for plain http to another host, not for loopback or https', () => {
    expect(cleartextWarnings({ a: 'http://10.0.0.5:9000', b: 'http://127.0.0.1:9000', c: 'https://s3.example.com', d: 'http://localhost:1' })).toEqual([expect.stringMatching(/^a http:\/\/10\.0\.0\.5:9000 is plain http/)])
  })
})
