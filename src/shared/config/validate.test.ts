import { describe, expect, it } from 'vitest'
import { CONFIG_CODES, formatIssues, type ConfigCode, type ConfigIssue } from './codes'
import { applyEnvOverrides } from './env'
import { validateConfig, type ConfigResult, type JobConfig, type ValidateOptions } from './validate'

const NOW = new Date('2024-06-15T12:00:00Z')

/** A valid selection to add to the spec's examples, which carry none. */
const SELECTION = {
  markets: ['spot'],
  symbols: ['BTCUSDT'],
  data_types: ['klines'],
  intervals: ['1h'],
  date_range: { start: '2024-03-01', end: '2024-03-10' },
}

/** §6.2 Minimal Configuration. */
const MINIMAL = { enable_s3_direct_sync: true, destination_bucket: 'my-lakehouse-bucket' }

/** §6.2 Production Configuration. */
const PRODUCTION = {
  enable_s3_direct_sync: true,
  operation_mode: 'auto',
  destination_bucket: 'crypto-lakehouse-bronze',
  destination_prefix: 'binance/archive',
  sync_mode: 'copy',
  enable_incremental: true,
  performance_optimization: { max_concurrent: 16, batch_size: 200, part_size_mb: 100, retry_count: 5 },
  s3_config: { region: 'us-west-2' },
}

const BASE = { ...MINIMAL, ...SELECTION }

function ok(input: unknown, opts: ValidateOptions = {}): JobConfig {
  const r = validateConfig(input, { now: NOW, ...opts })
  if (!r.ok) throw new Error(`expected a valid config, got:\n${formatIssues(r.issues)}`)
  return r.config
}

function issuesOf(input: unknown, opts: ValidateOptions = {}): ConfigIssue[] {
  const r: ConfigResult = validateConfig(input, { now: NOW, ...opts })
  if (r.ok) throw new Error('expected the config to be rejected, but it was accepted')
  return r.issues
}

/** Asserts the config is rejected with exactly this one code on this field, with the code's fix text. */
function expectOnly(input: unknown, code: ConfigCode, field: string | RegExp, opts: ValidateOptions = {}): ConfigIssue {
  const issues = issuesOf(input, opts)
  expect(issues.map((i) => i.code), formatIssues(issues)).toEqual([code])
  const [i] = issues
  if (typeof field === 'string') expect(i.field).toBe(field)
  else expect(i.field).toMatch(field)
  expect(i.fix).toBe(CONFIG_CODES[code].fix)
  expect(i.fix.length).toBeGreaterThan(10)
  expect(i.message.length).toBeGreaterThan(0)
  return i
}

describe('validateConfig — the spec examples and defaults', () => {
  it('minimal config (§6.2) plus a selection parses with the spec defaults', () => {
    const c = ok({ ...MINIMAL, ...SELECTION })
    expect(c.enable_s3_direct_sync).toBe(true)
    expect(c.destination_bucket).toBe('my-lakehouse-bucket')
    expect(c.destination_prefix).toBe('')
    expect(c.operation_mode).toBe('auto')
    expect(c.sync_mode).toBe('copy')
    expect(c.enable_incremental).toBe(true)
    expect(c.performance_optimization).toEqual({ max_concurrent: 10, batch_size: 100, part_size_mb: 50, retry_count: 3, outage_patience_seconds: 120 })
    expect(c.s3_config.region).toBe('us-east-1')
    expect(c.s3_config.endpoint_url).toBeUndefined()
  })

  it('fills the source extension defaults: the Binance bucket, data/, ap-northeast-1', () => {
    const c = ok(BASE)
    expect(c.source.bucket).toBe('data.binance.vision')
    expect(c.source.prefix).toBe('data/')
    expect(c.source.region).toBe('ap-northeast-1')
  })

  it('the minimal config without a selection is rejected only for the missing selection (CE014)', () => {
    const issues = issuesOf(MINIMAL)
    expect(issues.every((i) => i.code === 'CE014')).toBe(true)
    expect(issues.map((i) => i.field).sort()).toEqual(['data_types', 'date_range', 'markets', 'symbols'])
  })

  it('production config (§6.2) plus a selection keeps every given value', () => {
    const c = ok({ ...PRODUCTION, ...SELECTION })
    expect(c.destination_bucket).toBe('crypto-lakehouse-bronze')
    expect(c.destination_prefix).toBe('binance/archive')
    expect(c.operation_mode).toBe('auto')
    expect(c.sync_mode).toBe('copy')
    expect(c.enable_incremental).toBe(true)
    expect(c.performance_optimization).toEqual({ max_concurrent: 16, batch_size: 200, part_size_mb: 100, retry_count: 5, outage_patience_seconds: 120 })
    expect(c.s3_config.region).toBe('us-west-2')
    // The destination region does not move the source.
    expect(c.source.region).toBe('ap-northeast-1')
  })

  it('partial performance_optimization keeps the defaults for the rest', () => {
    const c = ok({ ...BASE, performance_optimization: { batch_size: 500 } })
    expect(c.performance_optimization).toEqual({ max_concurrent: 10, batch_size: 500, part_size_mb: 50, retry_count: 3, outage_patience_seconds: 120 })
  })

  it('accepts the range limits themselves', () => {
    const lo = ok({ ...BASE, performance_optimization: { max_concurrent: 1, batch_size: 1, part_size_mb: 1, retry_count: 1, outage_patience_seconds: 0 } })
    expect(lo.performance_optimization).toEqual({ max_concurrent: 1, batch_size: 1, part_size_mb: 1, retry_count: 1, outage_patience_seconds: 0 })
    const hi = ok({ ...BASE, performance_optimization: { max_concurrent: 50, batch_size: 1000, part_size_mb: 1000, retry_count: 10, outage_patience_seconds: 3600 } })
    expect(hi.performance_optimization).toEqual({ max_concurrent: 50, batch_size: 1000, part_size_mb: 1000, retry_count: 10, outage_patience_seconds: 3600 })
  })

  it('accepts every operation mode and sync mode the spec lists', () => {
    for (const m of ['auto', 'direct_sync', 'traditional']) expect(ok({ ...BASE, operation_mode: m }).operation_mode).toBe(m)
    for (const s of ['copy', 'sync']) expect(ok({ ...BASE, sync_mode: s }).sync_mode).toBe(s)
  })

  it('normalizes the selection into items', () => {
    const c = ok(BASE)
    expect(c.markets).toEqual(['spot'])
    expect(c.date_range).toEqual({ start: '2024-03-01', end: '2024-03-10' })
    expect(c.selection).toEqual([{ market: 'spot', dataType: 'klines', frequencies: ['daily'], intervals: ['1h'], symbols: ['BTCUSDT'] }])
  })

  it('a download needs no bucket: output_directory alone is a destination', () => {
    const { enable_s3_direct_sync: _e, destination_bucket: _b, ...selOnly } = BASE
    const c = ok({ ...selOnly, output_directory: '/tmp/archive' })
    expect(c.output_directory).toBe('/tmp/archive')
    expect(c.destination_bucket).toBeUndefined()
  })
})

describe('validateConfig — one error code per rule, naming the field, with a fix', () => {
  it('CE001: direct sync enabled without a destination bucket', () => {
    const { destination_bucket: _b, ...noBucket } = BASE
    const i = expectOnly(noBucket, 'CE001', 'destination_bucket')
    expect(i.fix).toMatch(/destination_bucket/)
  })

  it('CE001 even when an output_directory is set: direct sync still needs a bucket', () => {
    const { destination_bucket: _b, ...noBucket } = BASE
    expectOnly({ ...noBucket, output_directory: '/tmp/x' }, 'CE001', 'destination_bucket')
  })

  it('CE002: operation_mode "fast"', () => {
    const i = expectOnly({ ...BASE, operation_mode: 'fast' }, 'CE002', 'operation_mode')
    expect(i.fix).toMatch(/auto.*direct_sync.*traditional/)
  })

  it.each([
    ['batch_size', 0],
    ['batch_size', 1001],
    ['max_concurrent', 51],
    ['max_concurrent', 0],
    ['retry_count', 2.5],
    ['retry_count', 11],
    ['outage_patience_seconds', -1],
    ['outage_patience_seconds', 3601],
    ['part_size_mb', 0],
    ['part_size_mb', 1001],
    ['batch_size', '100'],
  ])('CE003: performance_optimization.%s = %j', (key, value) => {
    expectOnly({ ...BASE, performance_optimization: { [key]: value } }, 'CE003', `performance_optimization.${key}`)
  })

  it.each([
    ['start', '2024-13-01', 'date_range.start'],
    ['start', '2024-02-30', 'date_range.start'],
    ['end', '2023-02-29', 'date_range.end'],
    ['start', '2024-3-01', 'date_range.start'],
    ['end', '01/03/2024', 'date_range.end'],
  ])('CE004: malformed date_range.%s %j', (which, value, field) => {
    expectOnly({ ...BASE, date_range: { ...SELECTION.date_range, [which]: value } }, 'CE004', field)
  })

  it('accepts 29 February in a leap year', () => {
    expect(ok({ ...BASE, date_range: { start: '2024-02-29', end: '2024-02-29' } }).date_range.start).toBe('2024-02-29')
  })

  it('CE004: start after end', () => {
    const i = expectOnly({ ...BASE, date_range: { start: '2024-03-10', end: '2024-03-01' } }, 'CE004', 'date_range')
    expect(i.message).toMatch(/2024-03-10/)
  })

  it('a one-day range (start = end) is fine', () => {
    expect(ok({ ...BASE, date_range: { start: '2024-03-01', end: '2024-03-01' } }).date_range).toEqual({ start: '2024-03-01', end: '2024-03-01' })
  })

  it('CE005: unknown market', () => {
    const i = expectOnly({ ...BASE, markets: ['futures'] }, 'CE005', 'markets')
    expect(i.message).toMatch(/futures/)
  })

  it('CE006: a data type the market does not offer (spot fundingRate)', () => {
    const i = expectOnly({ ...BASE, data_types: ['fundingRate'] }, 'CE006', 'data_types')
    expect(i.message).toMatch(/fundingRate/)
  })

  it('CE006: a made-up data type', () => {
    expectOnly({ ...BASE, data_types: ['candles'] }, 'CE006', 'data_types')
  })

  it('CE007: klines without intervals', () => {
    const { intervals: _i, ...noIntervals } = BASE
    expectOnly(noIntervals, 'CE007', 'intervals')
    expectOnly({ ...BASE, intervals: [] }, 'CE007', 'intervals')
  })

  it('CE007: 1s on futures/um klines (spot only)', () => {
    const i = expectOnly({ ...BASE, markets: ['futures/um'], intervals: ['1s'] }, 'CE007', 'intervals')
    expect(i.message).toMatch(/1s/)
  })

  it('1s is fine on spot', () => {
    expect(ok({ ...BASE, intervals: ['1s'] }).selection[0].intervals).toEqual(['1s'])
  })

  it('CE007: an interval that does not exist at the chosen frequency (3d daily)', () => {
    expectOnly({ ...BASE, intervals: ['3d'] }, 'CE007', 'intervals')
    // ...but exists monthly
    expect(ok({ ...BASE, intervals: ['3d'], frequency: 'monthly' }).selection[0].intervals).toEqual(['3d'])
  })

  it('CE007: 1w with daily names the frequency that offers it', () => {
    const i = expectOnly({ ...BASE, intervals: ['1w'], frequency: 'daily' }, 'CE007', 'intervals')
    expect(i.message).toBe('spot klines daily has no interval "1w"; "1w" is published monthly only (use frequency monthly)')
  })

  it('auto with an interval only monthly trees have plans it from monthly files alone', () => {
    const c = ok({ ...BASE, intervals: ['1h', '1w'], frequency: 'auto' })
    expect(c.selection.map((s) => [s.frequencies, s.intervals])).toEqual([
      [['daily', 'monthly'], ['1h']],
      [['monthly'], ['1w']],
    ])
  })

  it('futures 1w: both trees until they ended; CE026 for a range after both ended', () => {
    const fut = { ...BASE, markets: ['futures/um'], intervals: ['1w'], frequency: 'auto' }
    expect(ok({ ...fut, date_range: { start: '2023-06-01', end: '2023-06-30' } }).selection[0].frequencies).toEqual(['daily', 'monthly'])
    expect(ok({ ...fut, date_range: { start: '2024-01-15', end: '2024-02-10' } }).selection[0].frequencies).toEqual(['monthly'])
    const i = expectOnly(fut, 'CE026', 'intervals')
    expect(i.message).toMatch(/daily until 2023-12-31, monthly until 2024-02-29/)
    // A range running past the last tree's end is refused too: those days would be neither copied nor missing.
    expect(expectOnly({ ...fut, date_range: { start: '2024-01-15', end: '2024-03-10' } }, 'CE026', 'intervals').message).toMatch(/end the range by 2024-02-29/)
  })

  it('CE025: a dated contract for COIN-M premiumIndexKlines (perpetual only)', () => {
    const cm = { ...BASE, markets: ['futures/cm'], data_types: ['premiumIndexKlines'], symbols: ['BTCUSD_240927'] }
    const i = expectOnly(cm, 'CE025', 'symbols')
    expect(i.message).toContain('BTCUSD_PERP')
    expect(ok({ ...cm, symbols: ['BTCUSD_PERP'] }).selection[0].symbols).toEqual(['BTCUSD_PERP'])
    // USD-M premium index klines take any symbol the folder has.
    expect(ok({ ...cm, markets: ['futures/um'], symbols: ['BTCUSDT_240927'] }).selection).toHaveLength(1)
  })

  it('CE007: an interval map giving intervals to trades', () => {
    expectOnly({ ...BASE, data_types: ['klines', 'trades'], intervals: { klines: ['1h'], trades: ['1h'] } }, 'CE007', /^intervals(\.trades)?$/)
  })

  it('an interval list alongside trades is fine: trades just takes none', () => {
    const c = ok({ ...BASE, data_types: ['klines', 'trades'], intervals: ['1h'] })
    expect(c.selection.map((s) => [s.dataType, s.intervals])).toEqual([
      ['klines', ['1h']],
      ['trades', []],
    ])
  })

  it.each(['BTC/USDT', '..', 'BTC USDT', "BTC'USDT", 'BTC"USDT', '../etc'])('CE008: symbol %j', (symbol) => {
    expectOnly({ ...BASE, symbols: [symbol] }, 'CE008', /^symbols/)
  })

  it.each(['My_Bucket', 'ab', 'bucket..name', '-bucket', 'bucket-', 'a'.repeat(64), 'has space'])('CE009: bucket name %j', (b) => {
    expectOnly({ ...BASE, destination_bucket: b }, 'CE009', 'destination_bucket')
  })

  it('accepts ordinary bucket names (including dots and 3/63 characters)', () => {
    for (const b of ['abc', 'my.lake-house.bucket', 'a'.repeat(63), 'crypto-lakehouse-bronze']) expect(ok({ ...BASE, destination_bucket: b }).destination_bucket).toBe(b)
  })

  it('CE010: s3_config.endpoint_url ftp://x', () => {
    expectOnly({ ...BASE, s3_config: { endpoint_url: 'ftp://x' } }, 'CE010', 's3_config.endpoint_url')
  })

  it('CE010: source.endpoint_url that is not a URL', () => {
    expectOnly({ ...BASE, source: { endpoint_url: 'not a url' } }, 'CE010', 'source.endpoint_url')
  })

  it('accepts http and https endpoints', () => {
    expect(ok({ ...BASE, s3_config: { endpoint_url: 'http://127.0.0.1:4568' } }).s3_config.endpoint_url).toBe('http://127.0.0.1:4568')
    expect(ok({ ...BASE, s3_config: { endpoint_url: 'https://s3.example.com' } }).s3_config.endpoint_url).toBe('https://s3.example.com')
  })

  it('CE011: fundingRate daily (monthly only)', () => {
    const i = expectOnly({ ...BASE, markets: ['futures/um'], data_types: ['fundingRate'], frequency: 'daily' }, 'CE011', 'frequency')
    expect(i.message).toMatch(/fundingRate/)
  })

  it('CE011: metrics monthly (daily only)', () => {
    expectOnly({ ...BASE, markets: ['futures/um'], data_types: ['metrics'], frequency: 'monthly' }, 'CE011', 'frequency')
  })

  it('CE011: options monthly (no monthly tree)', () => {
    expectOnly({ ...BASE, markets: ['option'], symbols: ['BTCBVOLUSDT'], data_types: ['BVOLIndex'], frequency: 'monthly' }, 'CE011', 'frequency')
  })

  it('CE011: a frequency that is not daily/monthly/auto', () => {
    expectOnly({ ...BASE, frequency: 'weekly' }, 'CE011', 'frequency')
  })

  it('CE012: end date in the future (relative to the injected now)', () => {
    const i = expectOnly({ ...BASE, date_range: { start: '2024-06-01', end: '2024-06-16' } }, 'CE012', 'date_range.end')
    expect(i.message).toMatch(/2024-06-16/)
    // The same file is fine a day later.
    expect(ok({ ...BASE, date_range: { start: '2024-06-01', end: '2024-06-16' } }, { now: new Date('2024-06-17T00:00:00Z') }).date_range.end).toBe('2024-06-16')
  })

  it('yesterday (UTC) is never in the future', () => {
    expect(ok({ ...BASE, date_range: { start: '2024-06-01', end: '2024-06-14' } }).date_range.end).toBe('2024-06-14')
  })

  it('CE013: neither destination_bucket nor output_directory', () => {
    const { enable_s3_direct_sync: _e, destination_bucket: _b, ...selOnly } = BASE
    const i = expectOnly(selOnly, 'CE013', 'destination_bucket')
    expect(i.fix).toMatch(/output_directory/)
  })

  it.each(['markets', 'symbols', 'data_types', 'date_range'] as const)('CE014: missing %s', (field) => {
    const input: Record<string, unknown> = { ...BASE }
    delete input[field]
    expectOnly(input, 'CE014', field)
  })

  it('CE014: a symbols map with nothing for a selected market', () => {
    expectOnly({ ...BASE, markets: ['spot', 'futures/um'], symbols: { spot: ['BTCUSDT'] } }, 'CE014', 'symbols')
  })

  it.each(['../x', 'a/../b', '..', 'a\\b', 'x/..', 'bad\u0007prefix'])('CE016: destination_prefix %j', (p) => {
    expectOnly({ ...BASE, destination_prefix: p }, 'CE016', 'destination_prefix')
  })

  it('a prefix with dots that do not climb is fine', () => {
    expect(ok({ ...BASE, destination_prefix: 'a..b/v1.2/' }).destination_prefix).toBe('a..b/v1.2/')
  })

  it('the issue list formats as one line per issue with code, field and fix', () => {
    const issues = issuesOf({ ...BASE, operation_mode: 'fast' })
    expect(formatIssues(issues)).toBe(`CE002 operation_mode: ${issues[0].message}. Fix: ${CONFIG_CODES.CE002.fix}`)
  })
})

describe('validateConfig — several problems at once', () => {
  it('reports every rule problem, not just the first', () => {
    const issues = issuesOf({
      enable_s3_direct_sync: true,
      destination_prefix: '../up',
      markets: ['spot', 'futures'],
      symbols: ['BTC/USDT'],
      data_types: ['klines', 'fundingRate'],
      date_range: { start: '2024-03-10', end: '2024-03-01' },
    })
    const codes = new Set(issues.map((i) => i.code))
    for (const c of ['CE001', 'CE016', 'CE005', 'CE008', 'CE006', 'CE007', 'CE004'] as const) expect(codes, formatIssues(issues)).toContain(c)
    for (const i of issues) expect(i.fix).toBe(CONFIG_CODES[i.code].fix)
  })

  it('reports every shape problem together', () => {
    const issues = issuesOf({ ...BASE, operation_mode: 'fast', performance_optimization: { batch_size: 0, max_concurrent: 51 }, s3_config: { endpoint_url: 'ftp://x' } })
    expect(issues.map((i) => `${i.code} ${i.field}`).sort()).toEqual([
      'CE002 operation_mode',
      'CE003 performance_optimization.batch_size',
      'CE003 performance_optimization.max_concurrent',
      'CE010 s3_config.endpoint_url',
    ])
  })

  // validate.ts promises "collecting every issue with its code"; a shape error currently hides every rule error.
  it('reports shape problems and rule problems of the same file together', () => {
    const { destination_bucket: _b, ...noBucket } = BASE
    const issues = issuesOf({ ...noBucket, performance_optimization: { batch_size: 0 }, markets: ['futures'] })
    const codes = issues.map((i) => i.code).sort()
    expect(codes).toEqual(['CE001', 'CE003', 'CE005'])
  })
})

describe('validateConfig — the spec\'s alternative shapes', () => {
  it('accepts the spec market names spot/futures_um/futures_cm/options', () => {
    const c = ok({
      ...BASE,
      markets: ['spot', 'futures_um', 'futures_cm', 'options'],
      symbols: { spot: ['BTCUSDT'], futures_um: ['BTCUSDT'], futures_cm: ['BTCUSD_PERP'], options: ['BTCBVOLUSDT'] },
      data_types: { spot: ['trades'], futures_um: ['aggTrades'], futures_cm: ['trades'], options: ['BVOLIndex'] },
    })
    expect(c.markets).toEqual(['spot', 'futures/um', 'futures/cm', 'option'])
    expect(c.selection.map((s) => [s.market, s.dataType, s.symbols])).toEqual([
      ['spot', 'trades', ['BTCUSDT']],
      ['futures/um', 'aggTrades', ['BTCUSDT']],
      ['futures/cm', 'trades', ['BTCUSD_PERP']],
      ['option', 'BVOLIndex', ['BTCBVOLUSDT']],
    ])
  })

  it('symbols and data_types as per-market maps keyed by archive names', () => {
    const c = ok({
      ...BASE,
      markets: ['spot', 'futures/um'],
      symbols: { spot: ['ETHUSDT'], 'futures/um': ['BTCUSDT', 'XRPUSDT'] },
      data_types: { spot: ['klines'], 'futures/um': ['fundingRate'] },
      frequency: 'monthly',
    })
    expect(c.selection).toEqual([
      { market: 'spot', dataType: 'klines', frequencies: ['monthly'], intervals: ['1h'], symbols: ['ETHUSDT'] },
      { market: 'futures/um', dataType: 'fundingRate', frequencies: ['monthly'], intervals: [], symbols: ['BTCUSDT', 'XRPUSDT'] },
    ])
  })

  it('a symbol list applies to every market', () => {
    const c = ok({ ...BASE, markets: ['spot', 'futures/um'], symbols: ['BTCUSDT'], data_types: ['trades'] })
    expect(c.selection.map((s) => [s.market, s.symbols])).toEqual([
      ['spot', ['BTCUSDT']],
      ['futures/um', ['BTCUSDT']],
    ])
  })

  it('intervals as a per-data-type map', () => {
    const c = ok({
      ...BASE,
      markets: ['futures/um'],
      data_types: ['klines', 'markPriceKlines', 'trades'],
      intervals: { klines: ['1m', '1h'], markPriceKlines: ['1d'] },
    })
    expect(c.selection.map((s) => [s.dataType, s.intervals])).toEqual([
      ['klines', ['1m', '1h']],
      ['markPriceKlines', ['1d']],
      ['trades', []],
    ])
  })

  it('an interval map that leaves out a kline type is CE007 for that type', () => {
    expectOnly({ ...BASE, markets: ['futures/um'], data_types: ['klines', 'markPriceKlines'], intervals: { klines: ['1h'] } }, 'CE007', 'intervals')
  })

  it("frequency 'auto' yields both frequencies where the data type has them, one where it has one", () => {
    const c = ok({ ...BASE, markets: ['futures/um'], data_types: ['klines', 'fundingRate', 'metrics'], frequency: 'auto' })
    expect(c.selection.map((s) => [s.dataType, s.frequencies])).toEqual([
      ['klines', ['daily', 'monthly']],
      ['fundingRate', ['monthly']],
      ['metrics', ['daily']],
    ])
  })

  it("frequency 'auto' accepts an interval offered at only one of the frequencies (1w monthly)", () => {
    expect(ok({ ...BASE, intervals: ['1w'], frequency: 'auto' }).selection[0].intervals).toEqual(['1w'])
  })

  it('the default frequency is daily', () => {
    expect(ok(BASE).selection[0].frequencies).toEqual(['daily'])
  })

  it('lower-case symbols are upper-cased', () => {
    const c = ok({ ...BASE, symbols: ['btcusdt', 'EthUsdt', 'btcusd_perp'] })
    expect(c.selection[0].symbols).toEqual(['BTCUSDT', 'ETHUSDT', 'BTCUSD_PERP'])
  })
})

describe('validateConfig — environment overrides win over the file', () => {
  it('S3_DESTINATION_BUCKET and S3_DESTINATION_PREFIX', () => {
    const c = ok({ ...BASE, destination_prefix: 'file/prefix' }, { env: { S3_DESTINATION_BUCKET: 'env-bucket', S3_DESTINATION_PREFIX: 'env/prefix' } })
    expect(c.destination_bucket).toBe('env-bucket')
    expect(c.destination_prefix).toBe('env/prefix')
  })

  it('S3_DESTINATION_BUCKET supplies a missing bucket (no CE001)', () => {
    const { destination_bucket: _b, ...noBucket } = BASE
    expect(ok(noBucket, { env: { S3_DESTINATION_BUCKET: 'from-env' } }).destination_bucket).toBe('from-env')
  })

  it('an overriding bucket is validated like a file one (CE009)', () => {
    expectOnly(BASE, 'CE009', 'destination_bucket', { env: { S3_DESTINATION_BUCKET: 'Bad_Bucket' } })
  })

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
    ['YES', true],
    ['on', true],
  ])('S3_DIRECT_SYNC_ENABLED=%s → enable_s3_direct_sync %s', (v, want) => {
    const file = { ...BASE, enable_s3_direct_sync: !want }
    expect(ok(file, { env: { S3_DIRECT_SYNC_ENABLED: v } }).enable_s3_direct_sync).toBe(want)
  })

  it('S3_DIRECT_SYNC_ENABLED=true makes a bucketless file a CE001', () => {
    const { enable_s3_direct_sync: _e, destination_bucket: _b, ...selOnly } = BASE
    expectOnly({ ...selOnly, output_directory: '/tmp/o' }, 'CE001', 'destination_bucket', { env: { S3_DIRECT_SYNC_ENABLED: 'true' } })
  })

  it('AWS_REGION and AWS_ENDPOINT_URL override s3_config', () => {
    const c = ok({ ...PRODUCTION, ...SELECTION, s3_config: { region: 'us-west-2', endpoint_url: 'https://file.example.com' } }, {
      env: { AWS_REGION: 'eu-central-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' },
    })
    expect(c.s3_config.region).toBe('eu-central-1')
    expect(c.s3_config.endpoint_url).toBe('http://127.0.0.1:9000')
    // other file values kept
    expect(c.performance_optimization.max_concurrent).toBe(16)
  })

  it('AWS_REGION applies when the file has no s3_config at all', () => {
    expect(ok(BASE, { env: { AWS_REGION: 'ap-southeast-1' } }).s3_config.region).toBe('ap-southeast-1')
  })

  it('an overriding endpoint is validated (CE010)', () => {
    expectOnly(BASE, 'CE010', 's3_config.endpoint_url', { env: { AWS_ENDPOINT_URL: 'ftp://x' } })
  })

  it('unset variables change nothing, and the input object is not mutated', () => {
    const file = { ...PRODUCTION, ...SELECTION }
    const copy = structuredClone(file)
    const c = ok(file, { env: {} })
    expect(c.s3_config.region).toBe('us-west-2')
    expect(c.destination_bucket).toBe('crypto-lakehouse-bronze')
    applyEnvOverrides(file, { S3_DESTINATION_BUCKET: 'x-bucket', AWS_REGION: 'eu-west-1' })
    expect(file).toEqual(copy)
  })
})

describe('a job file is refused, not read with defaults, where it says something no rule reads', () => {
  const codes = (input: unknown) => issuesOf(input).map((i) => `${i.code} ${i.field}`)

  it('an unknown key: CE017 naming the key and the closest known one, at any level', () => {
    const top = issuesOf({ ...SELECTION, destination_buckett: 'lake' })
    expect(top).toEqual([expect.objectContaining({ code: 'CE017', field: 'destination_buckett', message: expect.stringContaining('did you mean "destination_bucket"') })])
    const nested = issuesOf({ ...BASE, performance_optimization: { max_concurent: 40 } })
    expect(nested).toEqual([expect.objectContaining({ code: 'CE017', field: 'performance_optimization.max_concurent', message: expect.stringContaining('"max_concurrent"') })])
    expect(codes({ ...BASE, s3_config: { acess_key_id: 'AKIA' } })).toEqual(['CE017 s3_config.acess_key_id'])
  })

  it('markets: [] is nothing selected (CE014), not an empty job', () => {
    expect(codes({ ...BASE, markets: [] })).toContain('CE014 markets')
    expect(codes({ ...BASE, data_types: {} })).toContain('CE014 data_types')
  })

  it('an output folder that climbs, or is longer than any path, is refused', () => {
    const local = { ...SELECTION, output_directory: '../../x' }
    expect(codes(local)).toEqual(['CE016 output_directory'])
    expect(codes({ ...SELECTION, output_directory: `/tmp/${'a'.repeat(10_000)}` })).toEqual(['CE030 output_directory'])
    expect(ok({ ...SELECTION, output_directory: 'C:\\data\\binance' }).output_directory).toBe('C:\\data\\binance')
  })

  it('a prefix that makes a destination key longer than S3\'s 1,024 bytes: CE030', () => {
    expect(codes({ ...BASE, destination_prefix: 'p'.repeat(10_000) })).toEqual(['CE030 destination_prefix'])
    // Multi-byte characters count as their UTF-8 bytes: 500 × "é" is 500 characters but 1,000 bytes, plus the key.
    expect(codes({ ...BASE, destination_prefix: 'é'.repeat(500) })).toEqual(['CE030 destination_prefix'])
    expect(ok({ ...BASE, destination_prefix: 'p'.repeat(900) }).destination_prefix).toHaveLength(900)
  })

  it('two destinations (CE031), deletion without sync (CE032), a null section (CE033)', () => {
    const file = { jobFile: true }
    expect(issuesOf({ ...BASE, output_directory: '/tmp/x' }, file).map((i) => `${i.code} ${i.field}`)).toEqual(['CE031 output_directory'])
    expect(issuesOf({ ...BASE, delete_extraneous: true }, file).map((i) => `${i.code} ${i.field}`)).toEqual(['CE032 delete_extraneous'])
    // Over a server's base config, a connection's local folder or copy job wins over the base's bucket or deletion.
    expect(ok({ ...BASE, output_directory: '/tmp/x', delete_extraneous: true }).output_directory).toBe('/tmp/x')
    expect(ok({ ...BASE, delete_extraneous: true, sync_mode: 'sync' }).delete_extraneous).toBe(true)
    expect(codes({ ...BASE, s3_config: null })).toEqual(['CE033 s3_config'])
    expect(codes({ ...BASE, s3_config: { region: null } })).toEqual(['CE033 s3_config.region'])
  })

  it('a list of millions of bad values prints the first 20 and a count', () => {
    const symbols = Array.from({ length: 50_000 }, (_, i) => `bad/${i}`)
    const issues = issuesOf({ ...BASE, symbols })
    expect(issues.length).toBe(50_000)
    const text = formatIssues(issues)
    expect(text.split('\n')).toHaveLength(21)
    expect(text).toMatch(/… and 49980 more \(CE008\)$/)
    expect(text.length).toBeLessThan(10_000)
  })
})
