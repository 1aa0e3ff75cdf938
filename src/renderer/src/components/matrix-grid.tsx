// The archive matrix: markets × data types, with frequencies, interval counts and status.
// Picking a cell sets market and data type; stopped and uncertain data types say so.
import { MARKETS } from '../../../shared/catalog'
import { archiveMatrix } from '../lib/catalog-view'
import { useSelectionStore } from '../state/selection-store'

const MATRIX = archiveMatrix(MARKETS)
const FREQ = { daily: 'D', monthly: 'M' } as const

export function MatrixGrid() {
  const { market, dataType } = useSelectionStore((s) => s.selection)
  const update = useSelectionStore((s) => s.update)
  return (
    <details className="matrix">
      <summary>Archive matrix</summary>
      <table className="table matrix-table" aria-label="Archive matrix">
        <thead>
          <tr>
            <th scope="col">Data type</th>
            {MARKETS.map((m) => (
              <th key={m} scope="col">
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MATRIX.map((row) => (
            <tr key={row.dataType}>
              <th scope="row">{row.dataType}</th>
              {row.cells.map((cell, i) => {
                const m = MARKETS[i]
                if (!cell) return <td key={m} aria-label="not offered" />
                const text = `${cell.frequencies.map((f) => FREQ[f]).join('+')}${cell.intervals ? ` · ${cell.intervals} iv` : ''}${cell.status !== 'active' ? ` · ${cell.status}` : ''}`
                const selected = m === market && row.dataType === dataType
                return (
                  <td key={m}>
                    <button
                      type="button"
                      className={`matrix-cell status-${cell.status}`}
                      aria-pressed={selected}
                      title={cell.note}
                      aria-label={`${m} ${row.dataType}: ${cell.frequencies.join(' and ')}${cell.intervals ? `, ${cell.intervals} intervals` : ''}${cell.status !== 'active' ? `, ${cell.status}` : ''}`}
                      onClick={() => update({ market: m, dataType: row.dataType })}
                    >
                      {text}
                    </button>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">D daily, M monthly, iv intervals. Hover a cell for notes on stopped or uncertain data.</p>
    </details>
  )
}
