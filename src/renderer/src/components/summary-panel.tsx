import { useEffect, useRef } from 'react'
import { toAppError } from '../api/app-error'
import { useReport } from '../hooks/use-report'
import { isTerminal } from '../lib/job-view'
import { useJobStore } from '../state/job-store'
import { ErrorNote } from './config-issues'
import { ReportView } from './report-view'

/** The finished job's report, on top of the monitor that watched it. */
export function SummaryPanel() {
  const jobId = useJobStore((s) => s.jobId)
  const finished = useJobStore((s) => isTerminal(s.state))
  const report = useReport(jobId, finished)
  const ref = useRef<HTMLElement>(null)
  // The run's outcome comes into view when it ends; focus stays where the person left it.
  useEffect(() => {
    if (finished && jobId) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [finished, jobId])
  if (!jobId || !finished) return null
  return (
    <section className="panel summary" role="region" aria-label="Summary" aria-busy={report.isLoading} ref={ref}>
      <h2>Summary</h2>
      {report.isLoading && <p className="hint">Loading the report…</p>}
      {report.error && <ErrorNote title="The report could not be loaded." error={toAppError(report.error)} />}
      {report.data && <ReportView report={report.data} />}
    </section>
  )
}
