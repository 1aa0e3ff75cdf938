// The files of a plan one can open a preview of: every coverage cell the archive has (to copy
// or already copied), as archive keys built by the shared key grammar.
import type { Market } from '../../../shared/catalog'
import { CELL, type Coverage } from '../../../shared/coverage'
import { archiveKey } from '../../../shared/keys'

export type CoverageGridData = Coverage

export interface PreviewFile {
  key: string
  label: string
}

export function previewFiles(c: Coverage, sel: { market: Market; dataType: string; interval: string }): PreviewFile[] {
  const out: PreviewFile[] = []
  c.symbols.forEach((symbol, r) => {
    c.periods.forEach((period, i) => {
      const cell = c.rows[r]?.[i]
      if (cell !== CELL.copy && cell !== CELL.copied) return
      out.push({ key: previewKeyOf(sel, symbol, period), label: `${symbol} ${period}` })
    })
  })
  return out
}

/** The zip key of one coverage cell (a 7-character period is a monthly file). */
export function previewKeyOf(sel: { market: Market; dataType: string; interval: string }, symbol: string, period: string): string {
  const frequency = period.length === 7 ? 'monthly' : 'daily'
  return archiveKey({ market: sel.market, frequency, dataType: sel.dataType, symbol, interval: sel.interval || undefined, period })
}
