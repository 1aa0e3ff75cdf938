import { describe, expect, it } from 'vitest'
import { clientKeyIssues } from './client'
import { CONFIG_CODES, formatIssues, type ConfigIssue } from './codes'
import { validateConfig } from './validate'

const NOW = new Date('2024-06-15T12:00:00Z')
const BATCH = { account_id: '111122223333', role_arn: 'arn:aws:iam::111122223333:role/archive-sync-batch', report_bucket: 'my-batch-reports' }
const JOB = {
  enable_s3_direct_sync: true,
  operation_mode: 'batch_operations',
  destination_bucket: 'my-lake',
  destination_prefix: 'bronze/binance',
  markets: ['spot'],
  symbols: ['BTCUSDT'],
  data_types: ['klines'],
  intervals: ['1h'],
  date_range: { start: '2024-03-01', end: '2024-03-10' },
  batch_operations: BATCH,
}

const issues = (input: unknown, env: Record<string, string> = {}): ConfigIssue[] => {
  const r = validateConfig(input, { now: NOW, env, jobFile: true })
  return r.ok ? [] : r.issues
}

describe('operation_mode batch_operations', () => {
  it('accepts the mode with account, role and report bucket, with defaults for the rest', () => {
    const r = validateConfig(JOB, { now: NOW, jobFile: true })
    if (!r.ok) throw new Error(formatIssues(r.issues))
    expect(r.config.operation_mode).toBe('batch_operations')
    expect(r.config.batch_operations).toEqual({ ...BATCH, report_prefix: 'archive-sync/batch', priority: 10, confirmation_required: false })
    expect(r.config.pricing.batch_job).toBe(0.25)
    expect(r.config.pricing.batch_per_million_objects).toBe(1)
  })

  it('CE035 names every missing setting, and the whole object when it is absent', () => {
    const { batch_operations: _b, ...none } = JOB
    expect(issues(none).map((i) => [i.code, i.field])).toEqual([['CE035', 'batch_operations']])
    const partial = issues({ ...JOB, batch_operations: { report_bucket: 'my-batch-reports' } })
    expect(partial.map((i) => [i.code, i.field])).toEqual([
      ['CE035', 'batch_operations.account_id'],
      ['CE035', 'batch_operations.role_arn'],
    ])
    for (const i of partial) expect(i.fix).toBe(CONFIG_CODES.CE035.fix)
  })

  it('CE035 for a malformed account id or role ARN, and for a role of another account', () => {
    expect(issues({ ...JOB, batch_operations: { ...BATCH, account_id: '1234' } }).map((i) => [i.code, i.field])).toEqual([['CE035', 'batch_operations.account_id']])
    expect(issues({ ...JOB, batch_operations: { ...BATCH, role_arn: 'archive-sync-batch' } }).map((i) => i.code)).toEqual(['CE035'])
    const other = issues({ ...JOB, batch_operations: { ...BATCH, role_arn: 'arn:aws:iam::999988887777:role/x' } })
    expect(other.map((i) => [i.code, i.field])).toEqual([['CE035', 'batch_operations.role_arn']])
    expect(other[0].message).toContain('999988887777')
  })

  it('CE036: the hive layout renames keys, which Batch Operations cannot', () => {
    const i = issues({ ...JOB, destination_layout: 'hive' })
    expect(i.map((x) => [x.code, x.field])).toEqual([['CE036', 'destination_layout']])
    expect(i[0].message).toMatch(/mirror only/)
  })

  it('CE037 for what is not a server-side S3 copy: a local folder, direct sync off, an HTTPS source, two services', () => {
    expect(issues({ ...JOB, enable_s3_direct_sync: false }).map((i) => [i.code, i.field])).toEqual([['CE037', 'enable_s3_direct_sync']])
    expect(issues({ ...JOB, source: { https_base: 'https://data.binance.vision/' } }).map((i) => [i.code, i.field])).toEqual([['CE037', 'source.https_base']])
    expect(issues({ ...JOB, s3_config: { endpoint_url: 'http://127.0.0.1:9000' } }).map((i) => [i.code, i.field])).toEqual([['CE037', 's3_config.endpoint_url']])
    const { destination_bucket: _d, ...noBucket } = JOB
    expect(issues({ ...noBucket, enable_s3_direct_sync: false, output_directory: '/tmp/x' }).map((i) => i.code)).toEqual(['CE037', 'CE037'])
  })

  it('CE009 and CE016 for the report bucket and prefix, CE035 for a priority out of range', () => {
    expect(issues({ ...JOB, batch_operations: { ...BATCH, report_bucket: 'Bad_Bucket' } }).map((i) => [i.code, i.field])).toEqual([['CE009', 'batch_operations.report_bucket']])
    expect(issues({ ...JOB, batch_operations: { ...BATCH, report_prefix: 'a/../b' } }).map((i) => [i.code, i.field])).toEqual([['CE016', 'batch_operations.report_prefix']])
    expect(issues({ ...JOB, batch_operations: { ...BATCH, priority: -1 } }).map((i) => [i.code, i.field])).toEqual([['CE035', 'batch_operations.priority']])
  })

  it('an unknown key inside batch_operations is CE017 with the closest known one', () => {
    const i = issues({ ...JOB, batch_operations: { ...BATCH, role_ar: 'x' } })
    expect(i.map((x) => x.code)).toEqual(['CE017'])
    expect(i[0].message).toContain('role_arn')
  })

  it('takes the S3 Control and IAM endpoints from the SDKs\' service variables', () => {
    const r = validateConfig(JOB, { now: NOW, jobFile: true, env: { AWS_ENDPOINT_URL_S3_CONTROL: 'http://127.0.0.1:4100', AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:4200' } })
    if (!r.ok) throw new Error(formatIssues(r.issues))
    expect(r.config.batch_operations?.control_endpoint_url).toBe('http://127.0.0.1:4100')
    expect(r.config.batch_operations?.iam_endpoint_url).toBe('http://127.0.0.1:4200')
  })

  it('a connection may choose the job settings but not the endpoints (CE018)', () => {
    expect(clientKeyIssues({ operation_mode: 'batch_operations', batch_operations: BATCH })).toEqual([])
    const i = clientKeyIssues({ batch_operations: { ...BATCH, control_endpoint_url: 'http://evil.example' } })
    expect(i.map((x) => [x.code, x.field])).toEqual([['CE018', 'batch_operations.control_endpoint_url']])
  })
})
