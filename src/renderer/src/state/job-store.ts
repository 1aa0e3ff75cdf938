// View state of the job being watched. Events can reach the client before the jobs:start
// answer that names the job, so recent events are kept briefly (in the store) and replayed on start.
import { create } from 'zustand'
import type { JobEvent, JobSummary } from '../../../shared/contract'
import { EMPTY_JOB, isTerminal, reduceJobEvent, startJob, type JobView } from '../lib/job-view'

const EARLY_EVENTS = 200

interface JobStore extends JobView {
  /** Recent events of jobs not (yet) followed. */
  early: readonly JobEvent[]
  follow(jobId: string): void
  receive(ev: JobEvent): void
  /** Reconciles with jobs:status, for events lost while the socket was down. */
  reconcile(summary: JobSummary): void
  clear(): void
}

export const useJobStore = create<JobStore>()((set, get) => ({
  ...EMPTY_JOB,
  early: [],
  follow(jobId) {
    const early = get().early.filter((e) => e.jobId === jobId)
    set({ ...early.reduce(reduceJobEvent, startJob(jobId)), early: [] })
  },
  receive(ev) {
    const s = get()
    if (ev.jobId !== s.jobId) {
      set({ early: [...s.early.slice(-(EARLY_EVENTS - 1)), ev] })
      return
    }
    const next = reduceJobEvent(s, ev)
    if (next !== s) set(next)
  },
  reconcile(summary) {
    let view: JobView = get()
    if (summary.snapshot) view = reduceJobEvent(view, { type: 'snapshot', jobId: summary.jobId, snapshot: summary.snapshot })
    // Only forward moves: a status answer can be older than the events already applied.
    const forward = isTerminal(summary.state) || (view.state === 'planning' && summary.state !== 'planning')
    if (summary.state !== view.state && forward) view = reduceJobEvent(view, { type: 'state', jobId: summary.jobId, state: summary.state })
    set(view)
  },
  clear() {
    set(EMPTY_JOB)
  },
}))
