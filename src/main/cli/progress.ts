// Terminal rendering of job events: one progress line (redrawn on a TTY), then a summary.
import type { JobEvent, Report, Snapshot } from '../../shared/contract'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']
export function bytes(n: number): string {
  let i = 0
  while (n >= 1000 && i < UNITS.length - 1) {
    n /= 1000
    i += 1
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${UNITS[i]}`
}

export function duration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '—'
  const s = Math.round(sec)
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}

export function progressLine(s: Snapshot): string {
  const pct = s.total.objects > 0 ? Math.floor((s.done.objects / s.total.objects) * 100) : 100
  return `${pct}% ${s.done.objects}/${s.total.objects} objects, ${bytes(s.done.bytes)}/${bytes(s.total.bytes)}, ${bytes(s.bytesPerSec)}/s, ${s.objectsPerSec.toFixed(1)} obj/s, ETA ${duration(s.etaSeconds)}${s.done.failed ? `, ${s.done.failed} failed` : ''}`
}

export function summary(r: Report): string {
  const lines = [
    `Job ${r.job_id} ${r.status}: ${r.files_synced} synced, ${r.files_skipped} skipped, ${r.files_failed} failed of ${r.files_planned} (${r.success_rate})`,
    `${bytes(r.bytes_transferred)} in ${duration(r.execution_time_seconds)} (${bytes(r.average_bytes_per_second)}/s), mode ${r.mode_selected} [${Object.keys(r.engines).join(', ') || 'none'}]`,
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
