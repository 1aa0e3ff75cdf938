// The report as one HTML page anyone can open offline: inline CSS and SVG, no script, no
// external resource (its own CSP says so), every value escaped.
import type { Report } from '../../shared/contract'
import { figureText, reportFigures } from '../../shared/report-figures'

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const COLORS = ['#1a7f37', '#57606a', '#cf222e', '#1f6feb', '#c2410c', '#8250df']

/** Horizontal bars, one per entry, labelled with their value: readable without a legend. */
function barsSvg(title: string, entries: readonly [string, number][]): string {
  const max = Math.max(1, ...entries.map(([, n]) => n))
  const row = 26
  const bars = entries
    .map(([label, n], i) => {
      const w = Math.round((n / max) * 260)
      const y = i * row
      return `<text x="0" y="${y + 17}">${escapeHtml(label)}</text><rect x="130" y="${y + 4}" width="${w}" height="18" fill="${COLORS[i % COLORS.length]}"/><text x="${136 + w}" y="${y + 17}">${n}</text>`
    })
    .join('')
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="460" height="${Math.max(row, entries.length * row)}" font-size="12" font-family="sans-serif">${bars}</svg>`
}

export function reportHtml(r: Report): string {
  const figures = reportFigures(r)
    .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td>${escapeHtml(figureText(f))}</td></tr>`)
    .join('')
  const outcomes = barsSvg('Files by outcome', [
    ['synced', r.files_synced],
    ['skipped', r.files_skipped],
    ['failed', r.files_failed],
  ])
  const engines = barsSvg('Files by engine', Object.entries(r.engines))
  const list = (items: string[]) => (items.length ? `<ul>${items.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>` : '<p>None.</p>')
  const failures = r.failures.slice(0, 1000).map((f) => `${f.error_class}: ${f.source_key} — ${f.error}`)
  const more = r.failures.length > 1000 ? `<p>${r.failures.length - 1000} more in the JSON export.</p>` : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Archive Sync report ${escapeHtml(r.job_id)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:900px;color:#1b1f24;background:#fff;padding:0 16px}
h1{font-size:20px}h2{font-size:16px;margin-top:24px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d5dae1}
th{font-weight:500;color:#57606a;width:45%}svg text{fill:currentColor}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th{color:#9aa5b1}th,td{border-color:#30363d}}
</style></head><body>
<h1>Archive Sync — efficiency report</h1>
<p>Job ${escapeHtml(r.job_id)} · ${escapeHtml(r.status)} · ${escapeHtml(r.started_at)} → ${escapeHtml(r.finished_at)}</p>
<h2>Statistics</h2><table>${figures}</table>
<h2>Files by outcome</h2>${outcomes}
<h2>Mode decisions</h2><p>Mode: ${escapeHtml(r.mode_selected)}; s5cmd ${r.s5cmd_availability ? escapeHtml(r.s5cmd_version ?? '') : 'not used'}.</p>${engines}
<h2>Fallbacks (${r.fallback_count})</h2>${list(r.fallback_triggers)}
<h2>Failures (${r.failures.length})</h2>${list(failures)}${more}
</body></html>
`
}
