import { toAppError } from '../api/app-error'
import { useJobList } from '../hooks/use-jobs'
import { useReport } from '../hooks/use-report'
import { useViewStore } from '../state/view-store'
import { ErrorNote } from './config-issues'
import { ReportView } from './report-view'

export function ReportScreen() {
  const picked = useViewStore((s) => s.reportJobId)
  // Opened from the nav: the newest job with a report (jobs:list is newest first).
  const latest = useJobList().data?.jobs.find((j) => j.report !== null)?.jobId ?? null
  const jobId = picked ?? latest
  const show = useViewStore((s) => s.show)
  const report = useReport(jobId)
  return (
    <section className="panel report" role="region" aria-labelledby="report-heading" aria-busy={report.isLoading}>
      <div className="panel-title">
        <h2 id="report-heading">Efficiency report</h2>
        {jobId && <code className="hint">{jobId}</code>}
        <button type="button" className="push-right" onClick={() => show('history')}>
          Back to history
        </button>
      </div>
      {!jobId && <p className="hint">No finished job yet: a report appears here when a copy ends.</p>}
      {report.isLoading && <p className="hint">Loading the report…</p>}
      {report.error && <ErrorNote title="The report could not be loaded." error={toAppError(report.error)} />}
      {report.data && <ReportView report={report.data} />}
    </section>
  )
}
