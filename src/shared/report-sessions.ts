// A report covers the whole job, every session of it (the first run and each resume): object
// counts come from the journal's ledger, and the figures only a run itself knows — batches,
// fallbacks, requests sent — add up across runs here. Each run's own figures sit beside them
// (`per_session`). Pure: the job runner reads the previous report and the journal.
import type { Report, SessionFigures } from './contract/model'
import type { ReportInput } from './report'

type Measured = NonNullable<ReportInput['measured']>

export interface SessionInput {
  startedAt: Date
  finishedAt: Date
  resumed: boolean
  synced: number
  failed: number
  bytes: number
  batches: readonly number[]
  fallbacks: readonly string[]
  fallbackCount: number
  measured?: Measured
}

export function sessionFigures(s: SessionInput): SessionFigures {
  const m = s.measured
  return {
    started_at: s.startedAt.toISOString(),
    finished_at: s.finishedAt.toISOString(),
    resumed: s.resumed,
    interrupted: false,
    files_synced: s.synced,
    files_failed: s.failed,
    bytes_transferred: s.bytes,
    batch_count: s.batches.length,
    average_batch_size: s.batches.length > 0 ? s.batches.reduce((a, b) => a + b, 0) / s.batches.length : 0,
    fallback_count: s.fallbackCount,
    fallback_triggers: [...s.fallbacks],
    requests_made: m?.requestsMade ?? null,
    traditional_requests: m?.traditionalRequests ?? null,
    bytes_through_host: m?.hostBytes ?? null,
    traditional_host_bytes: m?.traditionalHostBytes ?? null,
  }
}

/** What the journal says of one session. */
export interface JournaledSession {
  at: string
  resumed: boolean
  synced: number
  failed: number
  bytes: number
}

/**
 * The sessions before this one: those the previous report carried (a report from before
 * `per_session` counts as one), then those only the journal knows — runs killed before their report.
 */
export function earlierSessions(previous: Report | null, journaled: readonly JournaledSession[]): SessionFigures[] {
  const known: SessionFigures[] = previous?.per_session
    ? previous.per_session
    : previous
      ? [
          {
            started_at: previous.started_at,
            finished_at: previous.finished_at,
            resumed: (previous.sessions ?? 1) > 1,
            interrupted: false,
            files_synced: previous.files_synced,
            files_failed: previous.files_failed,
            bytes_transferred: previous.bytes_transferred,
            batch_count: previous.batch_count,
            average_batch_size: previous.average_batch_size,
            fallback_count: previous.fallback_count,
            fallback_triggers: previous.fallback_triggers,
            requests_made: previous.requests_made ?? null,
            traditional_requests: previous.traditional_requests ?? null,
            bytes_through_host: previous.bytes_through_host ?? null,
            traditional_host_bytes: null,
          },
        ]
      : []
  const covered = Math.min(known.length, previous?.sessions ?? known.length, journaled.length)
  const killed = journaled.slice(covered).map(
    (j): SessionFigures => ({
      started_at: j.at,
      finished_at: null,
      resumed: j.resumed,
      interrupted: true,
      files_synced: j.synced,
      files_failed: j.failed,
      bytes_transferred: j.bytes,
      batch_count: 0,
      average_batch_size: 0,
      fallback_count: 0,
      fallback_triggers: [],
      requests_made: null,
      traditional_requests: null,
      bytes_through_host: null,
      traditional_host_bytes: null,
    }),
  )
  return [...known.slice(0, covered), ...killed]
}

export interface WholeJob {
  batch_count: number
  average_batch_size: number
  fallbacks: string[]
  fallbackCount: number
  /** Summed over the sessions that measured; undefined when none did. */
  measured?: Measured
}

/** The report's run-level figures for the whole job: every session's added up. */
export function acrossSessions(sessions: readonly SessionFigures[]): WholeJob {
  const sum = (f: (s: SessionFigures) => number) => sessions.reduce((a, s) => a + f(s), 0)
  const batches = sum((s) => s.batch_count)
  const measuredBy = sessions.filter((s) => s.requests_made !== null && s.traditional_requests !== null && s.bytes_through_host !== null && s.traditional_host_bytes !== null)
  return {
    batch_count: batches,
    average_batch_size: batches > 0 ? sum((s) => s.batch_count * s.average_batch_size) / batches : 0,
    // One line per distinct trigger: a resume that decides the same fallback again is not a new reason.
    fallbacks: [...new Set(sessions.flatMap((s) => s.fallback_triggers))],
    fallbackCount: sum((s) => s.fallback_count),
    measured:
      measuredBy.length === 0
        ? undefined
        : {
            requestsMade: measuredBy.reduce((a, s) => a + s.requests_made!, 0),
            traditionalRequests: measuredBy.reduce((a, s) => a + s.traditional_requests!, 0),
            hostBytes: measuredBy.reduce((a, s) => a + s.bytes_through_host!, 0),
            traditionalHostBytes: measuredBy.reduce((a, s) => a + s.traditional_host_bytes!, 0),
          },
  }
}
