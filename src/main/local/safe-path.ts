// Local writes stay under the chosen output root (DESIGN §10): keys from the archive are data, and
// a key like `../../etc/x` must not name a path outside the folder. Engines write through this,
// verification reads through it.
import { isAbsolute, relative, resolve, sep } from 'node:path'

/** Resolves `key` under `root`, refusing anything that would land outside it. */
export function safeLocalPath(root: string, key: string): string {
  const abs = resolve(root, key)
  const rel = relative(resolve(root), abs)
  if (rel === '' || isAbsolute(rel) || rel.split(sep).includes('..')) throw new Error(`refusing to write outside ${root}: ${key}`)
  return abs
}
