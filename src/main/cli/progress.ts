// Terminal rendering of job events: one progress line (redrawn on a TTY), then a summary.
import type { JobEvent, Report, Snapshot } from '../../shared/contract'
import { formatByteRate, formatBytes, formatCount, formatDuration, formatEta, formatObjectRate, progressPercent } from '../../shared/format'

function progressLine(s: Snapshot): string {
  const pct = Math.floor(progressPercent(s.done.objects, s.total.objects))
  return `${pct}% ${formatCount(s.done.objects)}/${formatCount(s.total.objects)} objects, ${formatBytes(s.done.bytes)}/${formatBytes(s.total.bytes)}, ${formatByteRate(s.bytesPerSec)}, ${formatObjectRate(s.objectsPerSec)}, ETA ${formatEta(s.etaSeconds)}${s.done.failed ? `, ${s.done.failed} failed` : ''}`
}

export function summary(r: Report): string {
  const lines = [
    `Job ${r.job_id} ${r.status}: ${r.files_synced} synced, ${r.files_skipped} skipped, ${r.files_failed} failed of ${r.files_planned} (${r.success_rate})`,
    `${formatBytes(r.bytes_transferred)} in ${formatDuration(r.execution_time_seconds)} (${formatByteRate(r.average_bytes_per_second)}), mode ${r.mode_selected} [${Object.keys(r.engines).join(', ') || 'none'}]`,
  ]
  // Objects a cancel left undone are not errors to read one by one: count them.
  const undone = r.failures.filter((f) => f.error === 'cancelled')
  const failed = r.failures.filter((f) => f.error !== 'cancelled')
  for (const f of failed.slice(0, 20)) lines.push(`  FAILED ${f.source_key}: ${f.error}`)
  if (failed.length > 20) lines.push(`  … and ${failed.length - 20} more failures (see the report)`)
  if (undone.length > 0) lines.push(`  ${undone.length} objects not done: the job was cancelled`)
  return lines.join('\n')
}

/** A listener that draws events on a terminal; TTYs redraw one line, pipes get a line every 5 s. */
export function terminalPrinter(out: NodeJS.WriteStream): (e: JobEvent) => void {
  let lastLine = 0
  return (e) => {
    if (e.type === 'log' && e.level !== 'debug') out.write(`${out.isTTY ? '\r\x1b[K' : ''}${e.level.toUpperCase()} ${e.message}\n`)
    if (e.type !== 'snapshot') return
    if (out.isTTY) out.write(`\r\x1b[K${progressLine(e.snapshot)}`)
    else if (e.snapshot.at - lastLine >= 5000 || e.snapshot.done.objects === e.snapshot.total.objects) {
      lastLine = e.snapshot.at
      out.write(`${progressLine(e.snapshot)}\n`)
    }
  }
}
