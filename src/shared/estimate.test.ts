import { describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from './config/validate'
import { batchCost, estimatePlan, estimateRead, plannedMode } from './estimate'

const cfg = (over: Record<string, unknown> = {}): JobConfig => {
  const r = validateConfig({
    enable_s3_direct_sync: true,
    destination_bucket: 'lake',
    markets: ['spot'],
    symbols: ['BTCUSDT'],
    data_types: ['trades'],
    date_range: { start: '2024-01-01', end: '2024-01-02' },
    ...over,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

describe('plannedMode', () => {
  it('copies server-side only with direct sync on one service', () => {
    expect(plannedMode(cfg())).toBe('server-side')
    expect(plannedMode(cfg({ enable_s3_direct_sync: false }))).toBe('traditional')
    expect(plannedMode(cfg({ operation_mode: 'traditional' }))).toBe('traditional')
    expect(plannedMode(cfg({ s3_config: { endpoint_url: 'https://r2.example.com' } }))).toBe('stream')
    expect(plannedMode(cfg({ output_directory: '/tmp/x' }))).toBe('download')
    expect(plannedMode(cfg({ source: { https_base: 'https://data.binance.vision/' } }))).toBe('stream')
  })
})

describe('estimatePlan', () => {
  it('prices a server-side copy as LIST + COPY requests at S3 Standard list prices', () => {
    const e = estimatePlan(cfg(), { toCopy: 10_000, toCopyBytes: 5e9 }, 20)
    expect(e).toMatchObject({ mode: 'server-side', requests: { list: 20, copy: 10_000, get: 0, put: 0 }, seconds: null, basis: 'no job measured yet' })
    expect(e!.costUsd).toBeCloseTo((10_020 / 1000) * 0.005, 6)
  })

  it('prices a streamed copy as GET + PUT, multipart parts included, plus a transfer rate when given', () => {
    // 2 objects of 120 MiB with 50 MiB parts: 3 parts each.
    const mib = 1024 * 1024
    const e = estimatePlan(cfg({ enable_s3_direct_sync: false, pricing: { transfer_per_gb: 0.09 } }), { toCopy: 2, toCopyBytes: 240 * mib }, 1)
    expect(e!.requests).toEqual({ list: 1, copy: 0, get: 2, put: 5 })
    expect(e!.costUsd).toBeCloseTo((6 / 1000) * 0.005 + (2 / 1000) * 0.0004 + ((240 * mib) / 1e9) * 0.09, 6)
  })

  it('takes the slower of the byte and request bounds from the last measured job', () => {
    const e = estimatePlan(cfg(), { toCopy: 1000, toCopyBytes: 1e9 }, 1, { bytesPerSec: 1e8, filesPerSec: 50 })
    expect(e!.seconds).toBe(20) // 1000 files at 50/s beats 1 GB at 100 MB/s (10 s)
    expect(estimatePlan(cfg(), { toCopy: 0, toCopyBytes: 0 }, 1)!.seconds).toBe(0)
  })
})

describe('estimateRead (audit)', () => {
  const pricing = { put_copy_list_per_1000: 0.005, get_per_1000: 0.0004, transfer_per_gb: 0.09 }
  it('one GET per object plus the bytes at the transfer rate', () => {
    expect(estimateRead(pricing, 10_000, 2e9)).toEqual({ requests: 10_000, bytes: 2e9, costUsd: 0.184, needsConfirm: true })
  })
  it('asks for --yes above 1 GiB or $0.10, not below', () => {
    expect(estimateRead({ ...pricing, transfer_per_gb: 0 }, 100, 1024 ** 3).needsConfirm).toBe(false)
    expect(estimateRead({ ...pricing, transfer_per_gb: 0 }, 100, 1024 ** 3 + 1).needsConfirm).toBe(true)
    expect(estimateRead({ ...pricing, transfer_per_gb: 0 }, 300_000, 1000).needsConfirm).toBe(true)
  })
})

describe('S3 Batch Operations prices', () => {
  const batch = { operation_mode: 'batch_operations', batch_operations: { account_id: '111122223333', role_arn: 'arn:aws:iam::111122223333:role/r', report_bucket: 'reports' } }

  it('a job of a million objects: $0.25 per job + $1 per million objects + S3\'s COPY requests at $0.005 per 1,000', () => {
    expect(batchCost(cfg(batch).pricing, 1_000_000)).toEqual({ job: 0.25, objects: 1, copy_requests: 5, total: 6.25 })
    expect(batchCost(cfg(batch).pricing, 0)).toEqual({ job: 0, objects: 0, copy_requests: 0, total: 0 })
  })

  it('the plan estimate prices the batch mode with the configured prices, and claims no time', () => {
    const c = cfg({ ...batch, pricing: { batch_job: 1, batch_per_million_objects: 2, put_copy_list_per_1000: 0.01 } })
    expect(plannedMode(c)).toBe('batch-operations')
    const e = estimatePlan(c, { toCopy: 500_000, toCopyBytes: 10e9 }, 100, { bytesPerSec: 1e8, filesPerSec: 100 })!
    expect(e.mode).toBe('batch-operations')
    expect(e.requests).toEqual({ list: 100, copy: 500_000, get: 0, put: 1 })
    // 1 + 0.5 × 2 + 500 × 0.01 for the copies + (100 LIST + 1 PUT) × 0.01 / 1000
    expect(e.costUsd).toBeCloseTo(1 + 1 + 5 + 0.00101, 6)
    expect(e.seconds).toBeNull()
  })
})
