// Symbol × date coverage of the planned slice: what the archive has, what is already at the
// destination, what is missing. Inline SVG, one rect per planned cell (the grid is bounded by
// the server), summarised in words for screen readers.
import { useCommand } from '../hooks/use-command'
import { previewKeyOf } from '../lib/preview-files'
import { useSelectionStore } from '../state/selection-store'
import { useViewStore } from '../state/view-store'
import { coverageSummary, heatmapLayout, STATE_OF } from '../lib/heatmap'
import type { JobConfigInput } from '../lib/selection'
import { CELL } from '../../../shared/coverage'

const LEGEND = [CELL.copy, CELL.copied, CELL.missing]

export function CoverageHeatmap({ config }: { config: JobConfigInput | null }) {
  const coverage = useCommand('plan:coverage', config && { config }, { retry: false })
  const { market, dataType, interval } = useSelectionStore((s) => s.selection)
  const openPreview = useViewStore((s) => s.openPreview)
  const c = coverage.data
  if (!c || c.symbols.length === 0) return null
  const layout = heatmapLayout(c, 720)
  const summary = coverageSummary(c)
  return (
    <figure className="heatmap">
      <figcaption>Coverage by symbol and date</figcaption>
      <div className="heatmap-scroll">
        <svg role="img" aria-label={`Coverage heatmap: ${summary}`} width={layout.width} height={layout.height}>
          {layout.ticks.map((t) => (
            <text key={t.index} x={layout.labelWidth + t.index * layout.cell} y={12} className="heatmap-tick">
              {t.text}
            </text>
          ))}
          {c.symbols.map((sym, r) => (
            <g key={sym} transform={`translate(0 ${18 + r * layout.cell})`}>
              <text x={0} y={layout.cell - 2} className="heatmap-label">
                {sym}
              </text>
              {[...c.rows[r]].map((ch, i) =>
                ch === CELL.none ? null : (
                  <rect
                    key={i}
                    x={layout.labelWidth + i * layout.cell}
                    y={0}
                    width={layout.cell - 1}
                    height={layout.cell - 1}
                    className={STATE_OF[ch].className}
                    // A pointer shortcut to the preview; "File to preview" is the keyboard way.
                    onClick={ch === CELL.missing ? undefined : () => openPreview(previewKeyOf({ market, dataType, interval }, sym, c.periods[i]))}
                  >
                    <title>{`${sym} ${c.periods[i]}: ${STATE_OF[ch].label}${ch === CELL.missing ? '' : ' (click to preview)'}`}</title>
                  </rect>
                ),
              )}
            </g>
          ))}
        </svg>
      </div>
      <ul className="legend" aria-label="Heatmap legend">
        {LEGEND.map((ch) => (
          <li key={ch}>
            <span className={`swatch ${STATE_OF[ch].className}`} aria-hidden="true" /> {STATE_OF[ch].label}
          </li>
        ))}
      </ul>
      <p className="hint">{summary}</p>
    </figure>
  )
}
