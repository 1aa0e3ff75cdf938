// Download jobs against a folder that cannot be written: the job stops before its first request
// with the errno and the fix, and an object whose own folder is blocked fails at once without
// holding its socket (an unread body kept every later GET waiting for minutes). Leftovers of a
// killed download are removed before the objects are fetched again.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveObject } from '../../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { createDownloadEngine, UNWRITABLE_FIX } from '../../src/main/engines/sdk-download'
import { endpointOf, recorder, seedRandom, tasksFor } from '../helpers/engine-kit'

let s3: LocalS3
let tmp: string
let objects: ArchiveObject[]
beforeAll(async () => {
  s3 = await startS3Server({ buckets: ['src'] })
  tmp = await mkdtemp(join(tmpdir(), 'archive-sync-local-write-'))
  // 64 KiB each: more than a socket buffer, so an unread body really holds its connection.
  const sizes: Record<string, number> = {}
  for (let i = 0; i < 12; i++) sizes[`data/blocked/K${i}.zip`] = 64 * 1024
  for (let i = 0; i < 12; i++) sizes[`data/fine/K${i}.zip`] = 64 * 1024
  objects = await seedRandom(s3, 'src', sizes)
})
afterAll(async () => {
  await s3?.stop()
  await rm(tmp, { recursive: true, force: true })
})

const engineFor = (root: string, concurrency = 2) => createDownloadEngine({ source: endpointOf(s3, 'src'), root, concurrency, retryCount: 2 })

describe('an output folder that cannot be written', () => {
  it('under a regular file (ENOTDIR): every object fails within a second with the code and the fix, no request sent', async () => {
    const file = join(tmp, 'a-file')
    await writeFile(file, 'not a folder')
    const engine = engineFor(join(file, 'out'))
    const rec = recorder()
    const started = Date.now()
    await engine.run(tasksFor(objects), rec.ctx)
    expect(Date.now() - started).toBeLessThan(1_000)
    const results = [...rec.results.values()]
    expect(results).toHaveLength(24)
    expect(results.every((r) => r.outcome === 'failed' && /^ENOTDIR: cannot write to the output folder/.test(r.reason ?? '') && r.reason!.endsWith(UNWRITABLE_FIX))).toBe(true)
    expect(engine.meter.requests).toBe(0)
  })

  it('a read-only file system (EROFS): the same stop', async (ctx) => {
    const mnt = join(tmp, 'ro')
    await mkdir(mnt)
    const mounted = await promisify(execFile)('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', mnt]).then(() => true, () => false)
    if (!mounted) return ctx.skip('cannot mount a read-only tmpfs here (needs root); ENOTDIR above covers the same stop')
    try {
      const engine = engineFor(mnt)
      const rec = recorder()
      await engine.run(tasksFor(objects.slice(0, 3)), rec.ctx)
      expect([...rec.results.values()].map((r) => r.reason?.split(':')[0])).toEqual(['EROFS', 'EROFS', 'EROFS'])
      expect(engine.meter.requests).toBe(0)
    } finally {
      await promisify(execFile)('umount', [mnt]).catch(() => undefined)
    }
  })

  it('objects whose folder is blocked by a file fail at once and free their socket: the rest still download', async () => {
    const root = join(tmp, 'partly')
    await mkdir(join(root, 'data'), { recursive: true })
    await writeFile(join(root, 'data', 'blocked'), 'a file where a folder should be')
    // One at a time: 3 sockets (concurrency + 2), so three bodies left unread would stall every later GET.
    const engine = engineFor(root, 1)
    const rec = recorder()
    const started = Date.now()
    await engine.run(tasksFor(objects), rec.ctx)
    expect(Date.now() - started).toBeLessThan(10_000)
    const results = [...rec.results.values()]
    expect(results.filter((r) => r.outcome === 'failed').map((r) => r.reason?.split(':')[0])).toEqual(Array(12).fill('ENOTDIR'))
    for (const o of objects.filter((x) => x.key.includes('/fine/'))) expect((await readFile(join(root, o.key))).equals(o.body)).toBe(true)
  }, 30_000)
})

describe('a download killed mid-object, run again', () => {
  it('removes its .part and s5cmd temp files, keeps what is not its own, and lands every file identical', async () => {
    const root = join(tmp, 'resumed')
    const fine = objects.filter((x) => x.key.includes('/fine/'))
    const dir = join(root, 'data', 'fine')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, '.K0.zip.0a1b2c3d.part'), 'half')
    await writeFile(join(dir, 'K1.zip1315431577'), 'half')
    await writeFile(join(dir, 'notes.txt1'), 'not ours')
    const rec = recorder()
    await engineFor(root).run(tasksFor(fine), rec.ctx)
    expect([...rec.results.values()].every((r) => r.outcome === 'synced')).toBe(true)
    expect(rec.logs).toContain('info: Removed 2 partial file(s) left by an interrupted download')
    expect((await readdir(dir)).sort()).toEqual([...fine.map((o) => o.key.split('/').pop()!), 'notes.txt1'].sort())
    for (const o of fine) expect((await readFile(join(root, o.key))).equals(o.body)).toBe(true)
  })
})
