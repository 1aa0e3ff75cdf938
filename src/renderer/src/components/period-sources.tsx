import type { PlanSummary } from '../../../shared/contract'
import { formatCount } from '../../../shared/format'

const SHOWN = 20
const FROM: Record<string, string> = { daily: 'daily files (no monthly file)', missing: 'missing: neither file' }

/** frequency auto: how many closed months came from monthly files, from their daily files, or from neither. */
export function PeriodSources({ sources }: { sources: NonNullable<PlanSummary['periodSources']> }) {
  const odd = sources.months.filter((m) => m.from !== 'monthly')
  return (
    <section className="period-sources" aria-label="Months by file kind">
      <h3>Months by file kind (auto)</h3>
      <p className="plan-sentence">
        {formatCount(sources.monthly)} from monthly files, {formatCount(sources.daily)} from daily files, {formatCount(sources.missing)} missing.
      </p>
      {odd.length > 0 && (
        <ul className="key-list">
          {odd.slice(0, SHOWN).map((m) => (
            <li key={`${m.dataset} ${m.symbol} ${m.month}`}>
              <code>
                {m.dataset} {m.symbol} {m.month}
              </code>{' '}
              — {FROM[m.from]}
              {m.missingKeys.length > 0 && m.from === 'daily' ? `, ${formatCount(m.missingKeys.length)} daily files absent` : ''}
            </li>
          ))}
        </ul>
      )}
      {odd.length > SHOWN && <p className="hint">…and {formatCount(odd.length - SHOWN)} more.</p>}
    </section>
  )
}
