import { describe, expect, it } from 'vitest'
import { buildReport } from './report'
import { acrossSessions, earlierSessions, sessionFigures } from './report-sessions'

const at = (m: number) => new Date(Date.UTC(2024, 0, 1, 0, m))
const first = sessionFigures({ startedAt: at(0), finishedAt: at(5), resumed: false, synced: 250, failed: 0, bytes: 2500, batches: [100, 100, 50], fallbacks: ['RE001: s5cmd not found'], fallbackCount: 1, measured: { requestsMade: 250, traditionalRequests: 500, hostBytes: 0, traditionalHostBytes: 5000 } })
const noop = sessionFigures({ startedAt: at(10), finishedAt: at(10), resumed: true, synced: 0, failed: 0, bytes: 0, batches: [], fallbacks: [], fallbackCount: 0, measured: { requestsMade: 0, traditionalRequests: 0, hostBytes: 0, traditionalHostBytes: 0 } })

describe('a report covers every session of its job', () => {
  it('a no-op resume keeps the first run\'s batches, fallbacks and requests in the totals', () => {
    const whole = acrossSessions([first, noop])
    expect(whole).toEqual({ batch_count: 3, average_batch_size: 250 / 3, fallbacks: ['RE001: s5cmd not found'], fallbackCount: 1, measured: { requestsMade: 250, traditionalRequests: 500, hostBytes: 0, traditionalHostBytes: 5000 } })
  })

  it('batch sizes average over all batches of all sessions, not over sessions', () => {
    const second = sessionFigures({ startedAt: at(6), finishedAt: at(7), resumed: true, synced: 10, failed: 0, bytes: 100, batches: [10], fallbacks: ['RE001: s5cmd not found'], fallbackCount: 1 })
    const whole = acrossSessions([first, second])
    expect(whole.batch_count).toBe(4)
    expect(whole.average_batch_size).toBe(260 / 4)
    expect(whole.fallbackCount).toBe(2)
    expect(whole.fallbacks).toEqual(['RE001: s5cmd not found'])
  })

  it('the earlier sessions: those the previous report carried, then the killed ones from the journal', () => {
    const previous = { ...buildReport({ jobId: 'j', status: 'completed', startedAt: at(0), finishedAt: at(5), planned: { objects: 300, bytes: 3000 }, synced: 250, skipped: 0, failed: 0, bytesTransferred: 2500, engines: { s5cmd: 250 }, s5cmd: { available: true, version: '2.2.2' }, batches: [100, 100, 50], fallbacks: [], fallbackCount: 0, errorsByClass: {}, failures: [] }), sessions: 1, per_session: [first] }
    const journaled = [
      { at: first.started_at, resumed: false, synced: 250, failed: 0, bytes: 2500 },
      { at: at(6).toISOString(), resumed: true, synced: 40, failed: 1, bytes: 400 },
    ]
    const earlier = earlierSessions(previous, journaled)
    expect(earlier).toHaveLength(2)
    expect(earlier[0]).toEqual(first)
    expect(earlier[1]).toMatchObject({ interrupted: true, finished_at: null, files_synced: 40, files_failed: 1, bytes_transferred: 400, batch_count: 0 })
    // A report from before per_session counts as one session with its own figures.
    const { per_session: _p, ...old } = previous
    expect(earlierSessions(old, journaled.slice(0, 1))[0]).toMatchObject({ batch_count: 3, average_batch_size: 250 / 3, files_synced: 250, interrupted: false })
    // No report (the first run was killed): every session is the journal's.
    expect(earlierSessions(null, journaled).map((s) => s.interrupted)).toEqual([true, true])
  })
})
