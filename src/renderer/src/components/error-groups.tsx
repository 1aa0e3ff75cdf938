import type { ErrorGroup } from '../lib/error-groups'
import { formatCount } from '../../../shared/format'

/** Errors by class, biggest first, each with what to do about it. */
export function ErrorGroups({ groups }: { groups: readonly ErrorGroup[] }) {
  if (groups.length === 0) return null
  return (
    <div className="error-groups">
      <h3 id="error-groups-heading">Errors by class</h3>
      <ul aria-labelledby="error-groups-heading" className="issues">
        {groups.map((g) => (
          <li key={g.errorClass} className="issue">
            <span className={`badge badge-${g.errorClass}`}>{g.errorClass}</span> <strong>{g.title}</strong>: {formatCount(g.count)}
            {g.examples.length > 0 && <div className="hint">e.g. {g.examples.join(' · ')}</div>}
            <div className="issue-fix">Fix: {g.fix}</div>
          </li>
        ))}
      </ul>
    </div>
  )
}
