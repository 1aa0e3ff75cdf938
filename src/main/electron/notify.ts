// The desktop notification when a job of a minute or more ends: from main, so it shows even
// with the window minimised or closed to the tray. Words from src/shared/job-notice.ts.
import { Notification } from 'electron'
import { jobNotice } from '../../shared/job-notice'
import type { App } from '../app'

const TERMINAL = new Set(['completed', 'failed', 'cancelled'])

/** Subscribes to the jobs' events; returns the teardown. */
export function notifyLongJobs(core: App): () => void {
  return core.services.jobs.onEvent((e) => {
    if (e.type !== 'state' || !TERMINAL.has(e.state) || !Notification.isSupported()) return
    void core.services.jobs
      .status(e.jobId)
      .then((job) => {
        const elapsed = job.snapshot?.elapsedMs ?? Date.now() - Date.parse(job.createdAt)
        const notice = jobNotice(e.state, job.label, elapsed)
        if (notice) new Notification({ title: notice.title, body: notice.body }).show()
      })
      // A job that cannot be read back is not worth an error dialog: no notice.
      .catch(() => undefined)
  })
}
