// Group commits without a timer: a finished task is written and fsync'd at once when the disk is
// idle, and those that finish while an fsync runs share the next one — nothing waits for a tick.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Journal } from './journal'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-sync-journal-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const header = { jobId: 'job', configHash: 'a'.repeat(64), createdAt: '2024-01-01T00:00:00.000Z' }
const result = (id: number) => ({ id, outcome: 'synced' as const, bytes: 1, engine: 'sdk-copy' as const })

describe('the journal commits', () => {
  it('a lone result is on disk without a flush; results that arrive during its fsync share the next one', async () => {
    const path = join(dir, 'journal.ndjson')
    const j = await Journal.create(path, header)
    const start = j.commits
    j.append(result(0), 'k0')
    // Arrive while the first result's write + fsync is under way.
    for (let id = 1; id <= 100; id++) j.append(result(id), `k${id}`)
    // No flush, no close: the commits run by themselves.
    while (j.commits < start + 2) await new Promise((r) => setTimeout(r, 5))
    const lines = (await readFile(path, 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(102)
    expect(j.commits - start).toBe(2)
    await j.close()
  })
})
