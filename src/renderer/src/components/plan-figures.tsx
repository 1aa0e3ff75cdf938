import type { PlanSummary } from '../../../shared/contract'
import { formatBytes, formatCount, formatDuration } from '../../../shared/format'
import { PeriodSources } from './period-sources'
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
        {plan.estimate && (
          <>
            <Stat label="Estimated cost">{`$${plan.estimate.costUsd.toFixed(4)}`}</Stat>
            <Stat label="Estimated time">{plan.estimate.seconds === null ? 'after a first job' : formatDuration(plan.estimate.seconds)}</Stat>
          </>
        )}
      </StatList>
      {plan.estimate && (
        <p className="hint">
          {plan.estimate.mode} · {formatCount(plan.estimate.requests.copy + plan.estimate.requests.get + plan.estimate.requests.put + plan.estimate.requests.list)} requests · time from {plan.estimate.basis}
        </p>
      )}
      <p className="plan-sentence">
        {formatCount(plan.toCopy)} to copy, {formatCount(plan.alreadyThere)} already there.
      </p>
      {plan.periodSources && <PeriodSources sources={plan.periodSources} />}
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
