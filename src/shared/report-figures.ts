// The efficiency report as labelled figures and an estimated cost: one source for the report
// screen and every export format (JSON, CSV, HTML), so a figure reads the same everywhere.
import type { Report } from './contract/model'
import { formatByteRate, formatBytes, formatDuration } from './format'

interface ReportFigure {
  key: string
  label: string
  /** Raw, as the report holds it: CSV keeps it so, readers format it by `unit`. */
  value: string | number | null
  unit?: 'bytes' | 'bytes/s' | 'seconds'
}

/** S3 Standard list prices (us-east-1), the same defaults as the plan's estimate. */
const LIST_PRICES = { put_copy_list_per_1000: 0.005, get_per_1000: 0.0004 }

const SERVER_SIDE = new Set(['s5cmd', 'sdk-copy'])

/**
 * Request cost of what the job did: a server-side copy is one COPY request, a download/stream is a
 * GET plus a PUT. Listing requests are not in the report, so this is a lower bound.
 */
export function reportCost(r: Report, prices = LIST_PRICES): { copy: number; get: number; put: number; usd: number } {
  let copy = 0
  let viaHost = 0
  for (const [engine, n] of Object.entries(r.engines)) if (SERVER_SIDE.has(engine)) copy += n
  else viaHost += n
  const usd = ((copy + viaHost) / 1000) * prices.put_copy_list_per_1000 + (viaHost / 1000) * prices.get_per_1000
  return { copy, get: viaHost, put: viaHost, usd: Math.round(usd * 1e6) / 1e6 }
}

/** The spec's statistics (§5.1.2, §10.1) in reading order. */
export function reportFigures(r: Report): ReportFigure[] {
  const cost = reportCost(r)
  return [
    { key: 'status', label: 'Status', value: r.status },
    { key: 'files_synced', label: 'Files synced', value: r.files_synced },
    { key: 'files_skipped', label: 'Files skipped', value: r.files_skipped },
    { key: 'files_failed', label: 'Files failed', value: r.files_failed },
    { key: 'files_deleted', label: 'Files deleted', value: r.files_deleted },
    { key: 'files_planned', label: 'Files planned', value: r.files_planned },
    { key: 'bytes_transferred', label: 'Bytes transferred', value: r.bytes_transferred, unit: 'bytes' },
    { key: 'bytes_planned', label: 'Bytes planned', value: r.bytes_planned, unit: 'bytes' },
    { key: 'success_rate', label: 'Success rate', value: r.success_rate },
    { key: 'operations_reduced', label: 'Operations reduced', value: r.operations_reduced },
    { key: 'efficiency_improvement', label: 'Efficiency improvement', value: r.efficiency_improvement },
    { key: 'network_transfer_reduction', label: 'Network transfer reduction', value: r.network_transfer_reduction },
    { key: 'execution_time_seconds', label: 'Execution time', value: Math.round(r.execution_time_seconds * 100) / 100, unit: 'seconds' },
    { key: 'average_bytes_per_second', label: 'Average bytes per second', value: Math.round(r.average_bytes_per_second), unit: 'bytes/s' },
    { key: 'average_files_per_second', label: 'Average files per second', value: Math.round(r.average_files_per_second * 100) / 100 },
    { key: 'mode_selected', label: 'Mode', value: r.mode_selected },
    { key: 'fallback_count', label: 'Fallbacks', value: r.fallback_count },
    { key: 's5cmd_version', label: 's5cmd version', value: r.s5cmd_availability ? r.s5cmd_version : null },
    { key: 'batch_count', label: 'Batches', value: r.batch_count },
    { key: 'average_batch_size', label: 'Average batch size', value: Math.round(r.average_batch_size * 10) / 10 },
    { key: 's3_permission_errors', label: 'Permission errors', value: r.s3_permission_errors },
    { key: 'network_errors', label: 'Network errors', value: r.network_errors },
    { key: 's5cmd_errors', label: 's5cmd errors', value: r.s5cmd_errors },
    { key: 'estimated_cost_usd', label: 'Estimated request cost (USD)', value: cost.usd },
    // Verification, when the job verified (absent in older reports).
    ...(r.verify_level === undefined
      ? []
      : [
          { key: 'verify_level', label: 'Verify level', value: r.verify_level },
          { key: 'files_verified', label: 'Files verified', value: r.files_verified ?? 0 },
          { key: 'files_unverified', label: 'Files unverified', value: r.files_unverified ?? 0 },
          { key: 'files_checksum_mismatch', label: 'Checksum mismatches', value: r.files_checksum_mismatch ?? 0 },
        ]),
  ]
}

/** A figure as a reader sees it: sizes, rates and times through the shared formatter. */
export function figureText(f: ReportFigure): string {
  if (f.value === null) return '—'
  if (typeof f.value === 'string' || f.unit === undefined) return String(f.value)
  if (f.unit === 'bytes') return formatBytes(f.value)
  if (f.unit === 'bytes/s') return formatByteRate(f.value)
  return formatDuration(f.value)
}
