import { describe, expect, it } from 'vitest'
import { reportSchema } from './contract/model'
import { buildReport, type ReportInput } from './report'

const base = (over: Partial<ReportInput> = {}): ReportInput => ({
  jobId: 'job-1',
  status: 'completed',
  startedAt: new Date('2024-06-01T10:00:00Z'),
  finishedAt: new Date('2024-06-01T10:00:40Z'),
  planned: { objects: 200, bytes: 8_000_000 },
  synced: 150,
  skipped: 40,
  failed: 10,
  bytesTransferred: 6_000_000,
  engines: { s5cmd: 150 },
  s5cmd: { available: true, version: '2.2.2' },
  batches: [100, 50],
  fallbacks: [],
  fallbackCount: 0,
  errorsByClass: {},
  failures: [],
  ...over,
})

describe('buildReport', () => {
  it('carries the spec field names (§5.1.2, §10.1) and matches the report schema', () => {
    const r = buildReport(base())
    for (const k of [
      'files_synced',
      'files_skipped',
      'files_failed',
      'total_files_processed',
      'bytes_transferred',
      'operations_reduced',
      'efficiency_improvement',
      'success_rate',
      'network_transfer_reduction',
      'execution_time_seconds',
      'success_rate_percent',
      'mode_selected',
      'fallback_count',
      's5cmd_availability',
      'batch_count',
      'average_batch_size',
      'configuration_errors',
      's5cmd_errors',
      's3_permission_errors',
      'network_errors',
      'fallback_triggers',
    ])
      expect(r, k).toHaveProperty(k)
    expect(reportSchema.safeParse(r).success).toBe(true)
    expect(r.schemaVersion).toBe(1)
  })

  it('counts add up', () => {
    const r = buildReport(base())
    expect(r.files_synced).toBe(150)
    expect(r.files_skipped).toBe(40)
    expect(r.files_failed).toBe(10)
    expect(r.total_files_processed).toBe(200)
    expect(r.total_files_processed).toBe(r.files_synced + r.files_skipped + r.files_failed)
    expect(r.files_planned).toBe(200)
    expect(r.bytes_transferred).toBe(6_000_000)
    expect(r.bytes_planned).toBe(8_000_000)
  })

  it('success_rate is a percentage string counting skipped as success', () => {
    const r = buildReport(base())
    expect(r.success_rate).toBe('95.00%')
    expect(r.success_rate_percent).toBeCloseTo(95, 10)
  })

  it('nothing processed → 100 %, never NaN', () => {
    const r = buildReport(base({ synced: 0, skipped: 0, failed: 0, engines: {}, batches: [], bytesTransferred: 0 }))
    expect(r.success_rate).toBe('100.00%')
    expect(r.success_rate_percent).toBe(100)
    expect(r.average_batch_size).toBe(0)
    expect(r.batch_count).toBe(0)
    expect(r.network_transfer_reduction).toBe('0.00%')
    expect(Number.isNaN(r.average_files_per_second)).toBe(false)
  })

  it('times and averages', () => {
    const r = buildReport(base())
    expect(r.started_at).toBe('2024-06-01T10:00:00.000Z')
    expect(r.finished_at).toBe('2024-06-01T10:00:40.000Z')
    expect(r.execution_time_seconds).toBe(40)
    expect(r.average_bytes_per_second).toBe(150_000)
    expect(r.average_files_per_second).toBe(5)
  })

  it('zero duration gives zero rates, not Infinity', () => {
    const t = new Date('2024-06-01T10:00:00Z')
    const r = buildReport(base({ startedAt: t, finishedAt: t }))
    expect(r.execution_time_seconds).toBe(0)
    expect(r.average_bytes_per_second).toBe(0)
    expect(r.average_files_per_second).toBe(0)
  })

  it.each([
    [{ s5cmd: 150 }, 'direct_sync'],
    [{ s5cmd: 100, 'sdk-copy': 50 }, 'direct_sync'],
    [{ 'sdk-copy': 150 }, 'direct_sync'],
    [{ 'sdk-stream': 150 }, 'traditional'],
    [{ download: 150 }, 'traditional'],
    [{ traditional: 150 }, 'traditional'],
    [{ s5cmd: 100, traditional: 50 }, 'mixed'],
    [{ 'sdk-stream': 100, download: 50 }, 'traditional'],
    [{ s5cmd: 100, 'sdk-stream': 50 }, 'mixed'],
    [{ 'sdk-copy': 1, download: 1 }, 'mixed'],
    [{}, 'none'],
    [{ s5cmd: 0, 'sdk-stream': 0 }, 'none'],
    [{ s5cmd: 10, 'sdk-stream': 0 }, 'direct_sync'],
    [{ 'batch-operations': 150 }, 'batch_operations'],
    // Objects over 5 GB took the SDK's part copy: still a Batch Operations job.
    [{ 'batch-operations': 149, 'sdk-copy': 1 }, 'batch_operations'],
  ] as [Record<string, number>, string][])('engines %j → mode_selected %s', (engines, mode) => {
    expect(buildReport(base({ engines })).mode_selected).toBe(mode)
  })

  it('lists only the engines that did something', () => {
    expect(buildReport(base({ engines: { s5cmd: 100, 'sdk-copy': 0, 'sdk-stream': 50 } })).engines).toEqual({ s5cmd: 100, 'sdk-stream': 50 })
  })

  it('operations_reduced and network_transfer_reduction come from measured figures, not the mode', () => {
    // 150 objects, server-side: 150 CopyObjects plus 3 retries; the traditional cycle would send a GET and a PUT each.
    const r = buildReport(base({ measured: { requestsMade: 153, traditionalRequests: 300, hostBytes: 0, traditionalHostBytes: 12_000_000 } }))
    expect(r.operations_reduced).toBe(147)
    expect(r.network_transfer_reduction).toBe('100.00%')
    expect(r).toMatchObject({ requests_made: 153, traditional_requests: 300, bytes_through_host: 0 })
    // Half the bytes streamed through this machine (a fallback): a quarter of the traditional traffic.
    const mixed = buildReport(base({ engines: { s5cmd: 100, 'sdk-stream': 50 }, measured: { requestsMade: 250, traditionalRequests: 300, hostBytes: 3_000_000, traditionalHostBytes: 12_000_000 } }))
    expect(mixed.network_transfer_reduction).toBe('75.00%')
    expect(mixed.operations_reduced).toBe(50)
    // A traditional run with retries made more requests than the nominal cycle: reported, not hidden.
    const trad = buildReport(base({ engines: { traditional: 150 }, measured: { requestsMade: 302, traditionalRequests: 300, hostBytes: 12_000_000, traditionalHostBytes: 12_000_000 } }))
    expect(trad.operations_reduced).toBe(-2)
    expect(trad.network_transfer_reduction).toBe('0.00%')
  })

  it('claims nothing when nothing was measured', () => {
    const r = buildReport(base({ engines: { s5cmd: 150 } }))
    expect(r.operations_reduced).toBe(0)
    expect(r.network_transfer_reduction).toBe('0.00%')
    expect(r.requests_made).toBeNull()
  })

  it('efficiency_improvement is never invented: null without a measured traditional baseline', () => {
    expect(buildReport(base()).efficiency_improvement).toBeNull()
    expect(buildReport(base({ baseline: null })).efficiency_improvement).toBeNull()
  })

  it('efficiency_improvement compares this run with a measured traditional run (spec §8.1.1)', () => {
    // This run: 150 objects, 6 MB in 40 s. Baseline: 1.5 objects/s and 100 kB/s → the traditional
    // cycle would take max(100 s, 60 s) = 100 s for the same work → (100 - 40) / 100.
    const r = buildReport(base({ baseline: { jobId: 'trad-1', filesPerSec: 1.5, bytesPerSec: 100_000 } }))
    expect(r.efficiency_improvement).toBe('60.00%')
    expect(r.efficiency_baseline_job).toBe('trad-1')
    // Slower than the baseline: a negative improvement, reported as measured.
    expect(buildReport(base({ baseline: { jobId: 't', filesPerSec: 10, bytesPerSec: 1e9 } })).efficiency_improvement).toBe('-166.67%')
    // A traditional run is the baseline, not compared with it.
    expect(buildReport(base({ engines: { traditional: 150 }, baseline: { jobId: 't', filesPerSec: 1, bytesPerSec: 1 } })).efficiency_improvement).toBeNull()
  })

  it('batch count and average batch size', () => {
    const r = buildReport(base({ batches: [100, 100, 50] }))
    expect(r.batch_count).toBe(3)
    expect(r.average_batch_size).toBeCloseTo(250 / 3, 10)
  })

  it('fallbacks, s5cmd status and error counters', () => {
    const r = buildReport(
      base({
        fallbacks: ['RE001 s5cmd missing', 'RE003 network: retried with SDK (7 objects)'],
        fallbackCount: 8,
        s5cmd: { available: false, version: null },
        errorsByClass: { s5cmd: 2, permission: 1, network: 4, checksum: 3 },
      }),
    )
    expect(r.fallback_count).toBe(8)
    expect(r.fallback_triggers).toEqual(['RE001 s5cmd missing', 'RE003 network: retried with SDK (7 objects)'])
    expect(r.s5cmd_availability).toBe(false)
    expect(r.s5cmd_version).toBeNull()
    expect(r.s5cmd_errors).toBe(2)
    expect(r.s3_permission_errors).toBe(1)
    expect(r.network_errors).toBe(4)
    expect(r.configuration_errors).toBe(0)
  })

  it('keeps job id, status and failures', () => {
    const failures = [{ source_key: 'data/a.zip', destination_key: 'p/data/a.zip', error: 'AccessDenied', error_class: 'permission' as const }]
    const r = buildReport(base({ jobId: 'abc', status: 'failed', failures }))
    expect(r.job_id).toBe('abc')
    expect(r.status).toBe('failed')
    expect(r.failures).toEqual(failures)
  })
})
