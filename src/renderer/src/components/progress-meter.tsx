import { formatCount, progressPercent } from '../../../shared/format'

interface ProgressMeterProps {
  label: string
  done: number
  /** Null while the total is not known yet: the bar is then indeterminate. */
  total: number | null
}

export function ProgressMeter({ label, done, total }: ProgressMeterProps) {
  const pct = total === null ? null : progressPercent(done, total)
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total ?? undefined}
      aria-valuenow={total === null ? undefined : done}
      aria-valuetext={total === null ? 'waiting for the first figures' : `${formatCount(done)} of ${formatCount(total)} objects (${pct?.toFixed(0)}%)`}
    >
      <div className={pct === null ? 'progress-fill indeterminate' : 'progress-fill'} style={{ width: `${pct ?? 100}%` }} />
    </div>
  )
}
