// What a killed download leaves beside its target, removed before the object is fetched again (a
// resume runs exactly the tasks not finished, so these are its own job's leftovers):
//  - ours (sdk-download.ts): `.<name>.<8 hex>.part`, the temp file renamed over the target at the end;
//  - s5cmd's: `<name><decimal digits>`, Go's os.CreateTemp(dir, name) — s5cmd 2.2.2 downloads to
//    it and renames it over the target when the object is complete (a kill leaves it, up to the
//    whole object in size).
// One readdir per folder, not per object: a day of files for one symbol is thousands of names.
import { readdir, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const OURS = /^\.(.+)\.[0-9a-f]{8}\.part$/

/** The target names a leftover `entry` belongs to, if it is one. */
function ownersOf(entry: string): string[] {
  const ours = OURS.exec(entry)
  if (ours) return [ours[1]!]
  // The name may itself end in digits (`…-2024-01-01.zip` does not, `x1` does): every split is a candidate.
  const owners: string[] = []
  for (let i = entry.length - 1; i > 0 && /\d/.test(entry[i]!); i--) owners.push(entry.slice(0, i))
  return owners
}

/**
 * Removes the partial files of these targets (absolute paths). A file that is itself one of the
 * targets is never touched, nor anything whose name merely resembles a leftover of another file.
 * Returns how many were removed.
 */
export async function removeLeftovers(targets: readonly string[]): Promise<number> {
  const byDir = new Map<string, Set<string>>()
  for (const t of targets) {
    const dir = dirname(t)
    let names = byDir.get(dir)
    if (!names) byDir.set(dir, (names = new Set()))
    names.add(basename(t))
  }
  let removed = 0
  for (const [dir, names] of byDir) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const e of entries) {
      if (!e.isFile() || names.has(e.name) || !ownersOf(e.name).some((o) => names.has(o))) continue
      await rm(join(dir, e.name), { force: true })
      removed += 1
    }
  }
  return removed
}
