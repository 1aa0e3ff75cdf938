import type { JobSummary } from '../../../shared/contract'
import { useJobList, useRerun, useResume, useUpdateJob } from '../hooks/use-jobs'
import { formatBytes, formatCount } from '../../../shared/format'
import { isActive } from '../lib/job-view'
import { useViewStore } from '../state/view-store'
import { ErrorNote } from './config-issues'

const RESUMABLE = new Set(['failed', 'cancelled'])

function when(iso: string): string {
  // UTC, like the archive's dates: the same job reads the same on every machine.
  return iso.replace('T', ' ').slice(0, 16) + ' UTC'
}

function Figures({ job }: { job: JobSummary }) {
  const r = job.report
  if (r) return <>{`${formatCount(r.files_synced)} synced · ${formatCount(r.files_skipped)} skipped · ${formatCount(r.files_failed)} failed · ${formatBytes(r.bytes_transferred)}`}</>
  const s = job.snapshot
  if (s) return <>{`${formatCount(s.done.objects)} / ${formatCount(s.total.objects)} objects`}</>
  return <>—</>
}

export function HistoryScreen() {
  const list = useJobList()
  const openReport = useViewStore((s) => s.openReport)
  const { rerun, pending, error } = useRerun()
  const resume = useResume()
  const update = useUpdateJob()
  const jobs = list.data?.jobs ?? []

  return (
    <section className="panel history" role="region" aria-labelledby="history-heading">
      <h2 id="history-heading">Job history</h2>
      {list.error && <ErrorNote title="Jobs could not be listed." error={{ code: 'LIST_FAILED', message: String(list.error) }} />}
      {error && <ErrorNote title="The job could not be started again." error={error} />}
      {update.error && <ErrorNote title="The job could not be updated." error={update.error} />}
      {resume?.error && <ErrorNote title="The job could not be resumed." error={resume.error} />}
      {list.isSuccess && jobs.length === 0 && <p className="hint">No jobs yet. Start a copy and it will be listed here.</p>}
      {jobs.length > 0 && (
        <table className="table" aria-label="Past jobs">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Figures</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.jobId} aria-label={`Job ${j.jobId}`}>
                <td className="nowrap">{when(j.createdAt)}</td>
                <td>
                  <div>{j.label}</div>
                  <code className="hint">{j.jobId}</code>
                </td>
                <td>
                  <span className={`state state-${j.state}`}>{j.state}</span>
                </td>
                <td>
                  <Figures job={j} />
                </td>
                <td className="row-actions">
                  <button type="button" disabled={!j.report} onClick={() => openReport(j.jobId)} aria-label={`Open report of ${j.jobId}`}>
                    Report
                  </button>
                  <button type="button" disabled={pending || isActive(j.state)} onClick={() => rerun(j.jobId)} aria-label={`Re-run ${j.jobId}`}>
                    Re-run
                  </button>
                  <button
                    type="button"
                    disabled={update.pending || isActive(j.state)}
                    onClick={() => update.rerun(j.jobId)}
                    aria-label={`Update ${j.jobId}`}
                    title="Same selection, end moved to the newest day the archive has; copies only what is new"
                  >
                    Update
                  </button>
                  {resume && RESUMABLE.has(j.state) && (
                    <button type="button" disabled={resume.pending} onClick={() => resume.resume(j.jobId)} aria-label={`Resume ${j.jobId}`}>
                      Resume
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
