import { toAppError } from '../api/app-error'
import { useReport } from '../hooks/use-report'
import { useViewStore } from '../state/view-store'
import { ErrorNote } from './config-issues'
import { ReportView } from './report-view'

export function ReportScreen() {
  const jobId = useViewStore((s) => s.reportJobId)
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
      {!jobId && <p className="hint">Pick a job in the history to read its report.</p>}
      {report.isLoading && <p className="hint">Loading the report…</p>}
      {report.error && <ErrorNote title="The report could not be loaded." error={toAppError(report.error)} />}
      {report.data && <ReportView report={report.data} />}
    </section>
  )
}
