// The efficiency report from a job's counted outcomes (spec §5.1.2, §10.1). Pure: the job runner
// gathers the figures, this shapes them under the spec's names.
import type { ErrorClass, JobState, Report } from './contract/model'
import { percent } from './metrics'

export interface ReportInput {
  jobId: string
  status: JobState
  startedAt: Date
  finishedAt: Date
  planned: { objects: number; bytes: number }
  synced: number
  skipped: number
  failed: number
  deleted?: number
  bytesTransferred: number
  /** Objects per engine, e.g. { 'sdk-copy': 480 }. */
  engines: Record<string, number>
  s5cmd: { available: boolean; version: string | null }
  batches: number[]
  fallbacks: string[]
  /** Objects (and job-level decisions such as RE001) that took a fallback path. */
  fallbackCount: number
  errorsByClass: Partial<Record<ErrorClass, number>>
  failures: Report['failures']
  peakRssBytes?: number
  /**
   * Counted by the engines while they ran (listing requests excluded on both sides). Absent: nothing
   * was measured, and operations_reduced / network_transfer_reduction claim nothing (0).
   */
  measured?: {
    /** Requests this run sent, retries included. */
    requestsMade: number
    /** Requests the traditional cycle (GET, then PUT or multipart) would send for the same objects. */
    traditionalRequests: number
    /** Bytes that passed through this machine. */
    hostBytes: number
    /** Bytes the traditional cycle would pass through it: down and up again (once for a local folder). */
    traditionalHostBytes: number
  }
  /** A measured traditional run of comparable work; efficiency_improvement is null without one. */
  baseline?: { jobId: string; filesPerSec: number; bytesPerSec: number } | null
}

const SERVER_SIDE = new Set(['s5cmd', 'sdk-copy', 'batch-operations'])

export function buildReport(r: ReportInput): Report {
  const seconds = Math.max(0, (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000)
  const processed = r.synced + r.skipped + r.failed
  const used = Object.entries(r.engines).filter(([, n]) => n > 0)
  const direct = used.filter(([e]) => SERVER_SIDE.has(e)).reduce((a, [, n]) => a + n, 0)
  const viaHost = used.reduce((a, [, n]) => a + n, 0) - direct
  // A job handed to Batch Operations is that mode, whether or not some objects over 5 GB took the SDK's part copy.
  const batch = used.some(([e]) => e === 'batch-operations')
  const mode = batch ? 'batch_operations' : used.length === 0 ? 'none' : viaHost === 0 ? 'direct_sync' : direct === 0 ? 'traditional' : 'mixed'
  const m = r.measured
  // Bytes that did not pass through this machine, as a share of what the traditional cycle moves.
  const transferReduction = m && m.traditionalHostBytes > 0 ? Math.max(0, 1 - m.hostBytes / m.traditionalHostBytes) : 0
  // Spec §8.1.1: (traditional_time - execution_time) / traditional_time, with traditional_time
  // from a measured traditional run's rates (the slower of per-object and per-byte bounds).
  const b = r.baseline
  let improvement: string | null = null
  if (b && mode !== 'traditional' && r.synced > 0 && seconds > 0) {
    const traditional = Math.max(b.filesPerSec > 0 ? r.synced / b.filesPerSec : 0, b.bytesPerSec > 0 ? r.bytesTransferred / b.bytesPerSec : 0)
    if (traditional > 0) improvement = percent(traditional - seconds, traditional)
  }
  const err = (c: ErrorClass) => r.errorsByClass[c] ?? 0
  return {
    schemaVersion: 1,
    job_id: r.jobId,
    status: r.status,
    started_at: r.startedAt.toISOString(),
    finished_at: r.finishedAt.toISOString(),
    execution_time_seconds: seconds,
    files_synced: r.synced,
    files_skipped: r.skipped,
    files_failed: r.failed,
    files_deleted: r.deleted ?? 0,
    total_files_processed: processed,
    files_planned: r.planned.objects,
    bytes_transferred: r.bytesTransferred,
    bytes_planned: r.planned.bytes,
    success_rate: percent(r.synced + r.skipped, processed),
    success_rate_percent: processed > 0 ? ((r.synced + r.skipped) / processed) * 100 : 100,
    operations_reduced: m ? m.traditionalRequests - m.requestsMade : 0,
    network_transfer_reduction: percent(transferReduction, 1),
    efficiency_improvement: improvement,
    requests_made: m?.requestsMade ?? null,
    traditional_requests: m?.traditionalRequests ?? null,
    bytes_through_host: m?.hostBytes ?? null,
    efficiency_baseline_job: b?.jobId ?? null,
    average_bytes_per_second: seconds > 0 ? r.bytesTransferred / seconds : 0,
    average_files_per_second: seconds > 0 ? processed / seconds : 0,
    peak_rss_bytes: r.peakRssBytes ?? null,
    mode_selected: mode,
    engines: Object.fromEntries(used),
    fallback_count: r.fallbackCount,
    s5cmd_availability: r.s5cmd.available,
    s5cmd_version: r.s5cmd.version,
    batch_count: r.batches.length,
    average_batch_size: r.batches.length > 0 ? r.batches.reduce((a, b) => a + b, 0) / r.batches.length : 0,
    configuration_errors: 0,
    s5cmd_errors: err('s5cmd'),
    s3_permission_errors: err('permission'),
    network_errors: err('network'),
    fallback_triggers: r.fallbacks,
    failures: r.failures,
  }
}
