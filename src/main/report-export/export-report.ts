// reports:export: the efficiency report as JSON, CSV or one self-contained HTML page. The text
// is returned to the caller (the renderer turns it into a download), nothing is written here.
import type { ExportFormat, Report, ReportExport } from '../../shared/contract'
import { reportFigures } from '../../shared/report-figures'
import { reportHtml } from './report-html'

/** RFC 4180: quote when needed, double the quotes; a leading =,+,-,@ is defused for spreadsheets. */
function csvCell(v: string | number | null): string {
  if (v === null) return ''
  let s = String(v)
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function reportCsv(r: Report): string {
  const rows: (string | number | null)[][] = [['section', 'name', 'value', 'detail']]
  for (const f of reportFigures(r)) rows.push(['statistic', f.key, f.value, ''])
  for (const [engine, n] of Object.entries(r.engines)) rows.push(['engine', engine, n, ''])
  for (const t of r.fallback_triggers) rows.push(['fallback', '', '', t])
  for (const f of r.failures) rows.push(['failure', f.source_key, f.error_class, f.error])
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export function exportReport(r: Report, format: ExportFormat): ReportExport {
  const base = `archive-sync-report-${r.job_id}`
  switch (format) {
    case 'json':
      return { filename: `${base}.json`, mimeType: 'application/json', text: JSON.stringify(r, null, 2) }
    case 'csv':
      return { filename: `${base}.csv`, mimeType: 'text/csv', text: reportCsv(r) }
    case 'html':
      return { filename: `${base}.html`, mimeType: 'text/html', text: reportHtml(r) }
  }
}
