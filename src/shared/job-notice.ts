// The desktop notification at the end of a job: only for jobs long enough that the person has
// probably looked away (a minute), with the same words on Electron and in the browser.
import type { JobState } from './contract'

const NOTIFY_AFTER_MS = 60_000

export function jobNotice(state: JobState, label: string, elapsedMs: number): { title: string; body: string } | null {
  if (elapsedMs < NOTIFY_AFTER_MS) return null
  const minutes = Math.round(elapsedMs / 60_000)
  const took = `after ${minutes} min`
  switch (state) {
    case 'completed':
      return { title: 'Archive Sync: copy finished', body: `${label} — completed ${took}.` }
    case 'failed':
      return { title: 'Archive Sync: copy failed', body: `${label} — failed ${took}; open the report for the errors.` }
    case 'cancelled':
      return { title: 'Archive Sync: copy cancelled', body: `${label} — cancelled ${took}; it can be resumed.` }
    default:
      return null
  }
}
