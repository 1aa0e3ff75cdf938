// What the monitor knows about the one job it follows, folded from the event stream. Pure, so
// the replay of early events and the ordering rules are testable without React.
import type { JobEvent, JobState, Snapshot } from '../../../shared/contract'
import { appendSample, EMPTY_SERIES, type ThroughputSeries } from './throughput-series'

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
}

export interface JobView {
  jobId: string | null
  state: JobState | null
  /** The server's words for the last state change (why it failed, for instance). */
  message: string | null
  snapshot: Snapshot | null
  series: ThroughputSeries
  log: LogLine[]
}

export const EMPTY_JOB: JobView = { jobId: null, state: null, message: null, snapshot: null, series: EMPTY_SERIES, log: [] }

const TERMINAL: readonly JobState[] = ['completed', 'failed', 'cancelled']
const MAX_LOG = 50

export const isTerminal = (s: JobState | null): boolean => s !== null && TERMINAL.includes(s)
export const isActive = (s: JobState | null): boolean => s !== null && !isTerminal(s)

export function startJob(jobId: string): JobView {
  return { ...EMPTY_JOB, jobId, state: 'planning' }
}

export function reduceJobEvent(view: JobView, ev: JobEvent): JobView {
  if (ev.jobId !== view.jobId) return view
  switch (ev.type) {
    case 'snapshot': {
      // A late snapshot must not move a finished job's figures backwards.
      if (view.snapshot && ev.snapshot.at < view.snapshot.at) return view
      return { ...view, snapshot: ev.snapshot, series: appendSample(view.series, ev.snapshot) }
    }
    case 'state':
      // Terminal is final: a stale "running" delivered after "completed" is ignored.
      if (isTerminal(view.state)) return view
      return { ...view, state: ev.state, message: ev.message ?? null }
    case 'log':
      if (ev.level === 'debug') return view
      return { ...view, log: [...view.log.slice(-(MAX_LOG - 1)), { level: ev.level, message: ev.message }] }
    case 'task-batch':
      // Per-task detail is the report's business; the snapshot carries the counts.
      return view
  }
}
