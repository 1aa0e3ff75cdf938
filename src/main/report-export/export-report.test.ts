import { describe, expect, it } from 'vitest'
import { buildReport } from '../../shared/report'
import { exportReport } from './export-report'

const report = buildReport({
  jobId: 'j1',
  status: 'failed',
  startedAt: new Date('2025-01-01T00:00:00Z'),
  finishedAt: new Date('2025-01-01T00:00:10Z'),
  planned: { objects: 4, bytes: 400 },
  synced: 2,
  skipped: 1,
  failed: 1,
  bytesTransferred: 200,
  engines: { 'sdk-copy': 2 },
  s5cmd: { available: false, version: null },
  batches: [],
  fallbacks: ['RE001 s5cmd missing: <script>alert(1)</script>'],
  fallbackCount: 1,
  errorsByClass: { permission: 1 },
  failures: [{ source_key: 'data/a "b".zip', destination_key: 'x', error: 'AccessDenied, really', error_class: 'permission' }],
})

describe('exportReport', () => {
  it('JSON is the report itself', () => {
    const e = exportReport(report, 'json')
    expect(e.filename).toBe('archive-sync-report-j1.json')
    expect(JSON.parse(e.text)).toEqual(report)
  })

  it('CSV quotes commas and quotes and lists every section', () => {
    const text = exportReport(report, 'csv').text
    expect(text.split('\r\n')[0]).toBe('section,name,value,detail')
    expect(text).toContain('statistic,files_synced,2,')
    expect(text).toContain('engine,sdk-copy,2,')
    expect(text).toContain('failure,"data/a ""b"".zip",permission,"AccessDenied, really"')
    // A cell a spreadsheet would run as a formula is defused.
    expect(exportReport({ ...report, fallback_triggers: ['=1+1'] }, 'csv').text).toContain("fallback,,,'=1+1\r\n")
  })

  it('HTML is self-contained and escaped', () => {
    const html = exportReport(report, 'html').text
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/<script|src=|href=|url\(/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<svg role="img" aria-label="Files by outcome"')
    // Sizes, rates and times read as on screen (shared formatter, binary units); CSV keeps raw numbers.
    expect(html).toContain('<th scope="row">Bytes transferred</th><td>200 B</td>')
    expect(html).toContain('<th scope="row">Bytes planned</th><td>400 B</td>')
    expect(html).toContain('<th scope="row">Execution time</th><td>10 s</td>')
    expect(html).toContain('<th scope="row">Average bytes per second</th><td>20 B/s</td>')
    expect(exportReport(report, 'csv').text).toContain('statistic,bytes_transferred,200,')
  })
})
