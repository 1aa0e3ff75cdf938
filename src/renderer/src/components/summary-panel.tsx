import { useQuery } from '@tanstack/react-query'
import { useApi } from '../api/api-context'
import { toAppError } from '../api/app-error'
import { formatByteRate, formatBytes, formatCount, formatDuration } from '../lib/format'
import { isTerminal } from '../lib/job-view'
import { useJobStore } from '../state/job-store'
import { ErrorNote } from './config-issues'
import { FailuresList } from './failures-list'
import { Stat, StatList } from './stat-list'

const MODE_LABEL: Record<string, string> = {
  direct_sync: 'direct sync (server-side)',
  traditional: 'traditional (download + upload)',
  mixed: 'mixed',
  none: 'none',
}

export function SummaryPanel() {
  const api = useApi()
  const jobId = useJobStore((s) => s.jobId)
  const finished = useJobStore((s) => isTerminal(s.state))
  const report = useQuery({
    queryKey: ['jobs:report', jobId],
    queryFn: () => api.jobs.report({ jobId: jobId ?? '' }),
    enabled: jobId !== null && finished,
    // The report is written as the job ends; a first miss right at the state change is retried.
    retry: 4,
    staleTime: Number.POSITIVE_INFINITY,
  })
  if (!jobId || !finished) return null
  const r = report.data

  return (
    <section className="panel summary" role="region" aria-label="Summary" aria-busy={report.isLoading}>
      <h2>Summary</h2>
      {report.isLoading && <p className="hint">Loading the report…</p>}
      {report.error && <ErrorNote title="The report could not be loaded." error={toAppError(report.error)} />}
      {r && (
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
            <Stat label="Average throughput">{formatByteRate(r.average_bytes_per_second)}</Stat>
            <Stat label="Mode">{MODE_LABEL[r.mode_selected] ?? r.mode_selected}</Stat>
            <Stat label="Engines">
              {Object.entries(r.engines)
                .map(([engine, n]) => `${engine}: ${formatCount(n)}`)
                .join(', ') || '—'}
            </Stat>
            <Stat label="Fallbacks">{formatCount(r.fallback_count)}</Stat>
          </StatList>
          {r.fallback_triggers.length > 0 && (
            <details>
              <summary>Why engines fell back ({r.fallback_triggers.length})</summary>
              <ul>
                {r.fallback_triggers.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            </details>
          )}
          <FailuresList failures={r.failures} />
        </>
      )}
    </section>
  )
}
