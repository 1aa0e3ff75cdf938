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
  errorsByClass: Partial<Record<ErrorClass, number>>
  failures: Report['failures']
  peakRssBytes?: number
}

const SERVER_SIDE = new Set(['s5cmd', 'sdk-copy'])

export function buildReport(r: ReportInput): Report {
  const seconds = Math.max(0, (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000)
  const processed = r.synced + r.skipped + r.failed
  const used = Object.entries(r.engines).filter(([, n]) => n > 0)
  const direct = used.filter(([e]) => SERVER_SIDE.has(e)).reduce((a, [, n]) => a + n, 0)
  const viaHost = used.reduce((a, [, n]) => a + n, 0) - direct
  const mode = used.length === 0 ? 'none' : viaHost === 0 ? 'direct_sync' : direct === 0 ? 'traditional' : 'mixed'
  // A download-then-upload cycle costs a GET and a PUT per object and moves every byte twice
  // through this machine; a server-side copy is one request and moves none.
  const directShare = r.synced > 0 ? direct / (direct + viaHost) : 0
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
    operations_reduced: direct,
    network_transfer_reduction: percent(directShare, 1),
    // Needs a measured traditional run of the same objects; never a constant.
    efficiency_improvement: null,
    average_bytes_per_second: seconds > 0 ? r.bytesTransferred / seconds : 0,
    average_files_per_second: seconds > 0 ? processed / seconds : 0,
    peak_rss_bytes: r.peakRssBytes ?? null,
    mode_selected: mode,
    engines: Object.fromEntries(used),
    fallback_count: r.fallbacks.length,
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
