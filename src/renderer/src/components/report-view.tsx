// The efficiency report: the spec's statistics, charts, mode decisions and fallbacks, errors by
// class with fixes, cost, and exports. Used by the report screen and under the live monitor.
import { EXPORT_FORMATS, type Report } from '../../../shared/contract'
import { reportCost } from '../../../shared/report-figures'
import { useExportReport } from '../hooks/use-report'
import { groupErrors } from '../lib/error-groups'
import { formatByteRate, formatBytes, formatCount, formatDuration } from '../../../shared/format'
import { BarChart } from './bar-chart'
import { ErrorNote } from './config-issues'
import { ErrorGroups } from './error-groups'
import { FailuresList } from './failures-list'
import { Stat, StatList } from './stat-list'
import { VerificationView } from './verification-view'

const MODE_LABEL: Record<string, string> = {
  direct_sync: 'direct sync (server-side)',
  traditional: 'traditional (download + upload)',
  mixed: 'mixed',
  none: 'none',
  batch_operations: 'S3 Batch Operations (server-side, run by S3)',
}

export function ReportView({ report: r }: { report: Report }) {
  const cost = reportCost(r)
  const { exportAs, pending, error } = useExportReport(r.job_id)
  const groups = groupErrors(r.failures.map((f) => ({ errorClass: f.error_class, message: f.error })))
  return (
    <>
      <StatList label="Summary figures">
        <Stat label="Status" tone={r.status === 'completed' ? 'good' : 'bad'}>
          {r.status}
        </Stat>
        <Stat label="Files synced">{formatCount(r.files_synced)}</Stat>
        <Stat label="Files skipped">{formatCount(r.files_skipped)}</Stat>
        <Stat label="Files failed" tone={r.files_failed > 0 ? 'bad' : undefined}>
          {formatCount(r.files_failed)}
        </Stat>
        <Stat label="Bytes transferred">{formatBytes(r.bytes_transferred)}</Stat>
        <Stat label="Duration">{formatDuration(r.execution_time_seconds)}</Stat>
        <Stat label="Success rate">{r.success_rate}</Stat>
        <Stat label="Operations reduced">{formatCount(r.operations_reduced)}</Stat>
        <Stat label="Efficiency improvement">{r.efficiency_improvement ?? 'not measured'}</Stat>
        <Stat label="Network transfer reduction">{r.network_transfer_reduction}</Stat>
        <Stat label="Average throughput">{formatByteRate(r.average_bytes_per_second)}</Stat>
        <Stat label="Mode">{MODE_LABEL[r.mode_selected] ?? r.mode_selected}</Stat>
        <Stat label="Engines">
          {Object.entries(r.engines)
            .map(([engine, n]) => `${engine}: ${formatCount(n)}`)
            .join(', ') || '—'}
        </Stat>
        <Stat label="Fallbacks">{formatCount(r.fallback_count)}</Stat>
        <Stat label="Estimated request cost">{`$${cost.usd.toFixed(4)}`}</Stat>
      </StatList>
      <div className="charts">
        <BarChart
          title="Files by outcome"
          format={formatCount}
          bars={[
            { label: 'synced', value: r.files_synced, tone: 'good' },
            { label: 'skipped', value: r.files_skipped, tone: 'muted' },
            { label: 'failed', value: r.files_failed, tone: 'bad' },
          ]}
        />
        <BarChart title="Bytes" format={formatBytes} bars={[{ label: 'planned', value: r.bytes_planned, tone: 'muted' }, { label: 'transferred', value: r.bytes_transferred }]} />
        <BarChart title="Requests (estimated)" format={formatCount} bars={[{ label: 'server-side copy', value: cost.copy, tone: 'good' }, { label: 'get + put', value: cost.get + cost.put }]} />
      </div>
      <h3>Mode decisions</h3>
      <p>
        {MODE_LABEL[r.mode_selected] ?? r.mode_selected}; s5cmd {r.s5cmd_availability ? `${r.s5cmd_version ?? ''} available` : 'not available'}; {formatCount(r.batch_count)} batches
        {r.batch_count > 0 ? ` of ${r.average_batch_size.toFixed(1)} on average` : ''}.
      </p>
      {r.fallback_triggers.length > 0 ? (
        <details open>
          <summary>Why engines fell back ({r.fallback_triggers.length})</summary>
          <ul>
            {r.fallback_triggers.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="hint">No fallbacks.</p>
      )}
      <VerificationView report={r} />
      <ErrorGroups groups={groups} />
      <FailuresList failures={r.failures} />
      <div className="actions" role="group" aria-label="Export report">
        {EXPORT_FORMATS.map((f) => (
          <button key={f} type="button" disabled={pending} onClick={() => exportAs(f)}>
            Export {f.toUpperCase()}
          </button>
        ))}
      </div>
      {error && <ErrorNote title="The export failed." error={error} />}
    </>
  )
}
