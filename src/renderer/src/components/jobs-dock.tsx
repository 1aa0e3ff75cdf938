import { useJobList } from '../hooks/use-jobs'
import { formatCount } from '../../../shared/format'
import { isActive } from '../lib/job-view'
import { useJobStore } from '../state/job-store'
import { useViewStore } from '../state/view-store'
import { ProgressMeter } from './progress-meter'

/**
 * Running jobs, from every screen: a small dock with each job's progress. Figures come from the
 * jobs list, which the job-event dispatcher patches from the event stream (no poll).
 */
export function JobsDock() {
  const jobs = (useJobList().data?.jobs ?? []).filter((j) => isActive(j.state))
  if (jobs.length === 0) return null
  const watch = (jobId: string) => {
    if (useJobStore.getState().jobId !== jobId) useJobStore.getState().follow(jobId)
    useViewStore.getState().show('copy')
  }
  return (
    <aside className="jobs-dock" role="region" aria-label="Running jobs">
      <h2 className="sr-only">Running jobs</h2>
      <ul>
        {jobs.map((j) => (
          <li key={j.jobId}>
            <button type="button" className="link" onClick={() => watch(j.jobId)} aria-label={`Watch ${j.label}`}>
              {j.label}
            </button>
            <span className={`state state-${j.state}`}>{j.state}</span>
            <ProgressMeter label={`Progress of ${j.jobId}`} done={j.snapshot?.done.objects ?? 0} total={j.snapshot ? j.snapshot.total.objects : null} />
            <span className="hint">
              {formatCount(j.snapshot?.done.objects ?? 0)} / {j.snapshot ? formatCount(j.snapshot.total.objects) : '—'}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  )
}
