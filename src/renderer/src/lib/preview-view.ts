// A file preview as the table and chart show it: time cells as UTC date-times whatever their
// unit, and for kline types the close price over the open time. Pure, for tests.
import { KLINE_TYPES } from '../../../shared/archive-columns'
import type { FilePreview } from '../../../shared/contract'
import { parseArchiveKey } from '../../../shared/keys'
import { formatUtc, toEpochMs } from '../../../shared/time-units'

const UNIT_WORDS = { ms: 'milliseconds', us: 'microseconds', text: 'UTC text', mixed: 'mixed units' } as const

export interface PreviewView {
  headers: string[]
  cells: string[][]
  /** "Open time, Close time in microseconds" — what the file's times were written in. */
  units: string
  chart: { t: number[]; close: number[] } | null
}

export function previewView(p: FilePreview): PreviewView {
  const headers = p.columns.map((c) => (c.kind === 'time' ? `${c.name} (UTC)` : c.name))
  const cells = p.rows.map((row) => row.map((v, i) => (p.columns[i]?.kind === 'time' ? (formatUtc(v) ?? v) : v)))
  const timed = p.columns.filter((c) => c.kind === 'time' && c.unit !== null)
  const units = timed.length === 0 ? '' : `${timed.map((c) => c.name).join(', ')} in ${UNIT_WORDS[timed[0].unit!]}`
  return { headers, cells, units, chart: klineChart(p) }
}

/** Close (column 5) over open time (column 1), seconds for uPlot; null for other types. */
function klineChart(p: FilePreview): PreviewView['chart'] {
  const ref = parseArchiveKey(p.key)
  if (!ref || !KLINE_TYPES.includes(ref.dataType) || p.rows.length < 2) return null
  const t: number[] = []
  const close: number[] = []
  for (const row of p.rows) {
    const ms = toEpochMs(row[0] ?? '')
    const c = Number(row[4])
    if (ms === null || !Number.isFinite(c)) continue
    t.push(ms / 1000)
    close.push(c)
  }
  return t.length >= 2 ? { t, close } : null
}
