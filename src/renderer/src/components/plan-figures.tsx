import type { PlanSummary } from '../../../shared/contract'
import { formatBytes, formatCount } from '../lib/format'
import { Stat, StatList } from './stat-list'

const MISSING_SHOWN = 20

export function PlanFigures({ plan }: { plan: PlanSummary }) {
  return (
    <>
      <StatList label="Plan figures">
        <Stat label="Objects">{formatCount(plan.objects)}</Stat>
        <Stat label="Total size">{formatBytes(plan.bytes)}</Stat>
        <Stat label="To copy">{formatCount(plan.toCopy)}</Stat>
        <Stat label="Size to copy">{formatBytes(plan.toCopyBytes)}</Stat>
        <Stat label="Missing files" tone={plan.missing > 0 ? 'bad' : undefined}>
          {formatCount(plan.missing)}
        </Stat>
      </StatList>
      <p className="plan-sentence">
        {formatCount(plan.toCopy)} to copy, {formatCount(plan.alreadyThere)} already there.
      </p>
      {plan.missing > 0 && (
        <details className="missing">
          <summary>
            {formatCount(plan.missing)} expected {plan.missing === 1 ? 'file is' : 'files are'} not in the archive
          </summary>
          <ul className="key-list">
            {plan.missingKeys.slice(0, MISSING_SHOWN).map((k) => (
              <li key={k}>
                <code>{k}</code>
              </li>
            ))}
          </ul>
          {plan.missing > MISSING_SHOWN && <p className="hint">…and {formatCount(plan.missing - MISSING_SHOWN)} more.</p>}
        </details>
      )}
    </>
  )
}
