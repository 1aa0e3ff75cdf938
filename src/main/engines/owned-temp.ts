// Temp folders that say whose they are: `archive-sync-<kind>-<pid>-XXXXXX` in the temp dir. A
// process removes its own when it is done, but a kill -9, a crash or a power cut leaves them
// behind, and nothing else ever would remove them. So the first folder a process makes of a kind
// first sweeps that kind's folders whose owner process is gone. The sweep lives here, at creation,
// rather than at app start: this is the one module that names the folders, and every entry point
// (desktop app, CLI, serve) that could leave one behind passes through here before it makes its own.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type TempKind = 's5cmd' | 'traditional'

const NAME = /^archive-sync-(s5cmd|traditional)-(\d+)-[A-Za-z0-9]{6}$/

/** Whether `pid` names a live process. EPERM: it exists, owned by another user. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the `kind` folders under `root` whose owner is dead; returns their names. A pid reused
 * by an unrelated process keeps its folder until that process ends too: conservative, never
 * another live job's folder.
 */
export async function sweepStale(kind: TempKind, root = tmpdir(), alive = isAlive): Promise<string[]> {
  const gone: string[] = []
  for (const name of await readdir(root).catch(() => [])) {
    const m = NAME.exec(name)
    if (!m || m[1] !== kind || Number(m[2]) === process.pid || alive(Number(m[2]))) continue
    await rm(join(root, name), { recursive: true, force: true }).then(() => gone.push(name), () => undefined)
  }
  return gone
}

const swept = new Map<string, Promise<unknown>>()

/** A fresh folder owned by this process, after a one-time sweep of dead owners' folders of this kind. */
export async function ownedTempDir(kind: TempKind, root = tmpdir()): Promise<string> {
  const key = `${kind}\0${root}`
  if (!swept.has(key)) swept.set(key, sweepStale(kind, root).catch(() => undefined))
  await swept.get(key)
  return mkdtemp(join(root, `archive-sync-${kind}-${process.pid}-`))
}
