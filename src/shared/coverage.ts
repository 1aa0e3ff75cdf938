// The coverage heatmap's data: symbol × date (or month), each cell exists (to copy), already
// copied, or missing from the archive. Bounded for the wire: at most `maxSymbols` rows and
// `maxPeriods` columns, one character per cell.

export const CELL = { none: '.', copy: 'e', copied: 'c', missing: 'm' } as const

export interface Coverage {
  symbols: string[]
  periods: string[]
  /** One string per symbol, one character per period (see CELL). */
  rows: string[]
  truncated: boolean
}

const ZIP = /\/([^/]+?)-(?:[^/]*-)?(\d{4}-\d{2}(?:-\d{2})?)\.zip$/

/** Symbol and period of an archive zip key; null for .CHECKSUM siblings and anything else. */
export function keyCell(key: string): { symbol: string; period: string } | null {
  const m = ZIP.exec(key)
  return m ? { symbol: m[1], period: m[2] } : null
}

const RANK: Record<string, number> = { [CELL.none]: 0, [CELL.copied]: 1, [CELL.copy]: 2, [CELL.missing]: 3 }

export function coverageGrid(
  tasks: Iterable<{ sourceKey: string; skip?: string }>,
  missingKeys: Iterable<string>,
  limits: { maxSymbols: number; maxPeriods: number } = { maxSymbols: 100, maxPeriods: 400 },
): Coverage {
  const cells = new Map<string, string>()
  const symbols = new Set<string>()
  const periods = new Set<string>()
  const put = (key: string, state: string) => {
    const c = keyCell(key)
    if (!c) return
    symbols.add(c.symbol)
    periods.add(c.period)
    const k = `${c.symbol} ${c.period}`
    // Several intervals can share a cell: the worst state shows (missing > to copy > copied).
    if ((RANK[cells.get(k) ?? CELL.none] ?? 0) < RANK[state]) cells.set(k, state)
  }
  for (const t of tasks) put(t.sourceKey, t.skip ? CELL.copied : CELL.copy)
  for (const k of missingKeys) put(k, CELL.missing)
  const allSymbols = [...symbols].sort()
  const allPeriods = [...periods].sort()
  const s = allSymbols.slice(0, limits.maxSymbols)
  const p = allPeriods.slice(0, limits.maxPeriods)
  return {
    symbols: s,
    periods: p,
    rows: s.map((sym) => p.map((per) => cells.get(`${sym} ${per}`) ?? CELL.none).join('')),
    truncated: s.length < allSymbols.length || p.length < allPeriods.length,
  }
}
