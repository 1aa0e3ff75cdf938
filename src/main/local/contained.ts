// Local writes stay under the chosen folder by real path, not only by spelling: a symlink
// inside the folder (or a folder swapped for one) would otherwise carry a write anywhere the
// process may write. Lexical check first (cheap, and what a key from the archive can break),
// then the real path of the nearest existing ancestor.
import { realpathSync } from 'node:fs'
import { realpath } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

export class OutsideRootError extends Error {
  constructor(
    readonly root: string,
    readonly target: string,
    why: string,
  ) {
    super(`refusing to write outside ${root}: ${target} (${why})`)
    this.name = 'OutsideRootError'
  }
}

const under = (root: string, p: string) => {
  const rel = relative(root, p)
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
}

/** The real path of `p`, resolving its nearest existing ancestor and appending the rest as spelt. */
function realNearest(p: string): string {
  const rest: string[] = []
  for (let cur = resolve(p); ; cur = dirname(cur)) {
    try {
      return join(realpathSync.native(cur), ...rest.reverse())
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(cur) === cur) throw err
      rest.push(cur.slice(dirname(cur).length).replace(/^[\\/]/, ''))
    }
  }
}

/** Resolves `key` under `root`; throws OutsideRootError for `..`, absolute keys, or a link that leads out. */
export function containedPath(root: string, key: string): string {
  const abs = resolve(root, key)
  if (abs === resolve(root) || !under(resolve(root), abs)) throw new OutsideRootError(root, key, 'the name climbs out')
  if (!under(realNearest(root), realNearest(dirname(abs)))) throw new OutsideRootError(root, key, 'a link inside the folder leads out of it')
  return abs
}

/** Checked again right before a rename: the parent may have been swapped for a link since the write began. */
export async function assertParentUnder(root: string, target: string): Promise<void> {
  const [realRoot, realParent] = await Promise.all([realpath(root), realpath(dirname(target))])
  if (!under(realRoot, realParent)) throw new OutsideRootError(root, target, 'its folder now leads out of the root')
}

/** A folder a connection asked for, under the output root (relative to it, or absolute inside it). */
export function folderUnderRoot(root: string, requested: string): string {
  const abs = resolve(root, requested)
  if (!under(resolve(root), abs)) throw new OutsideRootError(root, requested, 'not inside the output root')
  if (!under(realNearest(root), realNearest(abs))) throw new OutsideRootError(root, requested, 'a link leads out of the output root')
  return abs
}
