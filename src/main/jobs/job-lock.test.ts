// Two processes on one job or one destination: the second is refused with the holder named; a
// holder that died (kill -9) leaves a stale lock that the next process takes over at once.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireLock } from './job-lock'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-sync-lock-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('job locks', () => {
  it('a second holder is refused with the first one\'s pid and start time; released, it is free again', async () => {
    const path = join(dir, 'job.lock')
    const held = await acquireLock(path, 'job-a', 'JOB_LOCKED', 'Job job-a')
    const holder = JSON.parse(await readFile(path, 'utf8'))
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), jobId: 'job-a' })
    const err = await acquireLock(path, 'job-a', 'JOB_LOCKED', 'Job job-a').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'JOB_LOCKED' })
    expect((err as Error).message).toContain(`process ${process.pid}`)
    expect((err as Error).message).toContain(`since ${holder.since}`)
    await held.release()
    const again = await acquireLock(path, 'job-a', 'JOB_LOCKED', 'Job job-a')
    await again.release()
  })

  it('a lock left by a dead process (kill -9) is taken over at once', async () => {
    const path = join(dir, 'job.lock')
    // A pid that surely existed and is gone: a child that already exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!
    await writeFile(path, JSON.stringify({ pid: dead, host: hostname(), since: '2024-01-01T00:00:00.000Z', jobId: 'job-a' }))
    const held = await acquireLock(path, 'job-a', 'JOB_LOCKED', 'Job job-a')
    expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(process.pid)
    await held.release()
  })

  it('a lock from another host is not guessed at: refused, with the file to delete if it is gone', async () => {
    const path = join(dir, 'job.lock')
    await writeFile(path, JSON.stringify({ pid: 1, host: 'elsewhere.example', since: '2024-01-01T00:00:00.000Z', jobId: 'job-a' }))
    await expect(acquireLock(path, 'job-a', 'JOB_LOCKED', 'Job job-a')).rejects.toMatchObject({ code: 'JOB_LOCKED', message: expect.stringContaining(`on host elsewhere.example`) })
  })
})
