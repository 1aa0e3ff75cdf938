// The terminal reads a figure as the UI does: the shared formatter, binary units.
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/contract'
import { buildReport } from '../../shared/report'
import { summary, terminalPrinter } from './progress'

const snapshot: Snapshot = {
  jobId: 'j1', at: 10_000, elapsedMs: 10_000, total: { objects: 2000, bytes: 3 * 1024 ** 3 },
  done: { objects: 1000, bytes: 1536 * 1024 ** 2, synced: 998, skipped: 0, failed: 2 },
  bytesPerSec: 150 * 1024 ** 2, objectsPerSec: 97.5, instantBytesPerSec: 0, instantObjectsPerSec: 0, etaSeconds: 125, inFlight: 4, engine: 's5cmd',
}

describe('terminal output', () => {
  it('draws the progress line in the units the UI uses', () => {
    const written: string[] = []
    const out = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream
    terminalPrinter(out)({ type: 'snapshot', jobId: 'j1', snapshot })
    expect(written).toEqual(['50% 1,000/2,000 objects, 1.50 GiB/3.00 GiB, 150 MiB/s, 97.5 obj/s, ETA about 2 m 05 s, 2 failed\n'])
  })

  it('sums a job up with its size, time and rate', () => {
    const r = buildReport({
      jobId: 'j1', status: 'completed', startedAt: new Date('2025-01-01T00:00:00Z'), finishedAt: new Date('2025-01-01T00:04:05Z'),
      planned: { objects: 2, bytes: 1536 * 1024 }, synced: 2, skipped: 0, failed: 0, bytesTransferred: 1536 * 1024, engines: { 'sdk-copy': 2 },
      s5cmd: { available: false, version: null }, batches: [], fallbacks: [], fallbackCount: 0, errorsByClass: {}, failures: [],
    })
    expect(summary(r).split('\n')[1]).toBe('1.50 MiB in 4 m 05 s (6.27 KiB/s), mode direct_sync [sdk-copy]')
  })
})
