import type { Report } from '../../../shared/contract'
import { formatCount } from '../../../shared/format'
import { BarChart } from './bar-chart'
import { Stat, StatList } from './stat-list'

/** Verification results (DESIGN §7), when the report has them: proved, unproved and why, mismatches. */
export function VerificationView({ report: r }: { report: Report }) {
  if (r.verify_level === undefined) return null
  const mismatches = r.checksum_mismatches ?? []
  return (
    <div className="verification">
      <h3>Verification</h3>
      <StatList label="Verification figures">
        <Stat label="Verify level">{r.verify_level}</Stat>
        <Stat label="Files verified" tone="good">
          {formatCount(r.files_verified ?? 0)}
        </Stat>
        <Stat label="Files unverified">{formatCount(r.files_unverified ?? 0)}</Stat>
        <Stat label="Checksum mismatches" tone={(r.files_checksum_mismatch ?? 0) > 0 ? 'bad' : undefined}>
          {formatCount(r.files_checksum_mismatch ?? 0)}
        </Stat>
      </StatList>
      {r.verification_methods && Object.keys(r.verification_methods).length > 0 && (
        <BarChart title="Verified by method" format={formatCount} bars={Object.entries(r.verification_methods).map(([label, value]) => ({ label, value, tone: 'good' as const }))} />
      )}
      {r.unverified_reasons && Object.keys(r.unverified_reasons).length > 0 && (
        <ul aria-label="Why files were not verified">
          {Object.entries(r.unverified_reasons).map(([why, n]) => (
            <li key={why}>
              {why}: {formatCount(n)}
            </li>
          ))}
        </ul>
      )}
      {mismatches.length > 0 && (
        <ul className="issues" aria-label="Checksum mismatches">
          {mismatches.slice(0, 50).map((m) => (
            <li key={m.source_key} className="issue">
              <code>{m.source_key}</code> ({m.method}): expected <code>{m.expected}</code>, got <code>{m.actual}</code> — {m.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
