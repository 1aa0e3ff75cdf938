// Layout and wording of the coverage heatmap, apart from the SVG so it can be tested: cell
// geometry, colours by state, month ticks, and the summary a screen reader hears.
import { CELL } from '../../../shared/coverage'
import type { z } from 'zod'
import type { coverageSchema } from '../../../shared/contract'

export type Coverage = z.infer<typeof coverageSchema>

export const STATE_OF: Record<string, { label: string; className: string }> = {
  [CELL.copy]: { label: 'in the archive, to copy', className: 'cell-copy' },
  [CELL.copied]: { label: 'already copied', className: 'cell-copied' },
  [CELL.missing]: { label: 'missing from the archive', className: 'cell-missing' },
  [CELL.none]: { label: 'not planned', className: 'cell-none' },
}

export interface HeatmapLayout {
  cell: number
  width: number
  height: number
  labelWidth: number
  /** Column index and text of each axis tick (first period of each month, or of each year for monthly data). */
  ticks: { index: number; text: string }[]
}

export function heatmapLayout(c: Coverage, maxWidth: number): HeatmapLayout {
  const labelWidth = 90
  const cols = Math.max(1, c.periods.length)
  // Cells shrink to fit, but never under 3 px: below that they are not readable anyway.
  const cell = Math.max(3, Math.min(14, Math.floor((maxWidth - labelWidth) / cols)))
  const monthly = c.periods.every((p) => p.length === 7)
  const ticks: HeatmapLayout['ticks'] = []
  let last = ''
  c.periods.forEach((p, index) => {
    const key = monthly ? p.slice(0, 4) : p.slice(0, 7)
    if (key !== last) ticks.push({ index, text: key })
    last = key
  })
  return { cell, labelWidth, width: labelWidth + cols * cell, height: 18 + c.symbols.length * cell, ticks }
}

export function coverageSummary(c: Coverage): string {
  const counts = { [CELL.copy]: 0, [CELL.copied]: 0, [CELL.missing]: 0 } as Record<string, number>
  for (const row of c.rows) for (const ch of row) if (ch in counts) counts[ch] += 1
  const range = c.periods.length ? `${c.periods[0]} to ${c.periods[c.periods.length - 1]}` : 'no dates'
  return `${c.symbols.length} symbols, ${range}: ${counts[CELL.copy]} to copy, ${counts[CELL.copied]} already copied, ${counts[CELL.missing]} missing${c.truncated ? ' (truncated)' : ''}.`
}
