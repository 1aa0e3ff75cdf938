// Temp folders of dead processes are swept; a live owner's never are, nor anything not ours.
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAlive, ownedTempDir, sweepStale } from './owned-temp'

let root: string
beforeAll(async () => void (root = await mkdtemp(join(tmpdir(), 'owned-temp-'))))
afterAll(() => rm(root, { recursive: true, force: true }))

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ['-e', ''])
  await once(child, 'exit')
  return child.pid!
}

describe('owned temp folders', () => {
  it("sweeps the folders of dead owners, keeps live owners', other kinds' and foreign ones", async () => {
    const dead = await deadPid()
    expect(isAlive(dead)).toBe(false)
    const names = {
      dead: `archive-sync-s5cmd-${dead}-AbC123`,
      live: `archive-sync-s5cmd-${process.ppid}-AbC123`,
      mine: `archive-sync-s5cmd-${process.pid}-AbC123`,
      otherKind: `archive-sync-traditional-${dead}-AbC123`,
      legacy: 'archive-sync-s5cmd-AbC123',
      foreign: `something-${dead}-AbC123`,
    }
    for (const n of Object.values(names)) await mkdir(join(root, n, 'inner'), { recursive: true })
    expect(await sweepStale('s5cmd', root)).toEqual([names.dead])
    expect((await readdir(root)).sort()).toEqual(Object.values(names).filter((n) => n !== names.dead).sort())
    expect(await sweepStale('traditional', root)).toEqual([names.otherKind])
  })

  it('a new folder carries this pid, after the sweep', async () => {
    const dead = await deadPid()
    const sub = await mkdtemp(join(root, 'fresh-'))
    await mkdir(join(sub, `archive-sync-s5cmd-${dead}-XyZ789`))
    const made = await ownedTempDir('s5cmd', sub)
    expect(made).toMatch(new RegExp(`archive-sync-s5cmd-${process.pid}-[A-Za-z0-9]{6}$`))
    expect(await readdir(sub)).toEqual([made.slice(sub.length + 1)])
  })
})
