// Small horizontal bar chart in inline SVG: no canvas, themed by CSS, and its numbers are in
// the accessible name, so a screen reader gets the data rather than "image".
export interface Bar {
  label: string
  value: number
  tone?: 'good' | 'bad' | 'muted' | 'accent'
}

const ROW = 24
const LABEL_W = 110
const BAR_W = 220

export function BarChart({ title, bars, format = String }: { title: string; bars: readonly Bar[]; format?: (n: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  const summary = bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}: ${summary}`} width={LABEL_W + BAR_W + 90} height={Math.max(ROW, bars.length * ROW)}>
        {bars.map((b, i) => {
          const w = Math.round((b.value / max) * BAR_W)
          return (
            <g key={b.label} transform={`translate(0 ${i * ROW})`}>
              <text x={0} y={16} className="bar-label">
                {b.label}
              </text>
              <rect x={LABEL_W} y={4} width={Math.max(w, b.value > 0 ? 2 : 0)} height={16} rx={3} className={`bar bar-${b.tone ?? 'accent'}`} />
              <text x={LABEL_W + w + 6} y={16} className="bar-value">
                {format(b.value)}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
