// Folding whole listed ranges into one s5cmd wildcard line. A `cp` line per key costs s5cmd about
// twice the CPU of listing the same objects itself (measured: 2,920 objects, 4.5 CPU s as one
// line each, 2.2 CPU s as wildcard lines, 2 cores shared with s3rver), so where the plan copies
// EVERY object the source listing holds under some prefix P, the batch says `cp 'P*' 'DIR/'`.
// Exactness rests on three facts of s5cmd 2.2.2 (storage/url/url.go, command/cp.go):
// - `P*` lists Prefix=P without a delimiter and keeps keys matching ^P.*$: every key under P;
// - each object lands at DIR + the key after P's last `/` (parseBatch), and prints its own
//   success/failure line with that source and destination, so the reconciler settles each task
//   from its own line exactly as for a per-key line;
// - objects modified after its listing began are left out, objects it skips print nothing: a
//   task without a line is failed at batch end, never counted as copied.
// What the plan's listing cannot prove is an object added under P after it was made: the listing
// is trusted only while fresh (LISTING_FRESH_MS), and any such extra copy is logged as an anomaly.
import type { SourceListing } from '../../s3/list'
import { keyProblem } from '../route/carriable'
import type { CopyTask } from '../types'

export type { SourceListing }

/** How long a listing is trusted to be the whole of a prefix (a batch started later goes per key). */
export const LISTING_FRESH_MS = 60_000

/** Fewer objects than this stay per key: the wildcard's own list request would cost about as much. */
const MIN_WILDCARD_OBJECTS = 8

/** One line's worth of tasks: a single key, or every listed key under `prefix`. */
export type Unit = { kind: 'key'; tasks: [CopyTask] } | { kind: 'wildcard'; prefix: string; destDir: string; tasks: CopyTask[] }

// Stricter than carriable: keys s5cmd would clean (filepath.Rel) or glob must not be in a pattern.
const PLAIN = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/
const plainPath = (p: string): boolean => PLAIN.test(p) && !p.split('/').some((s) => s === '.' || s === '..')
const plainDir = (d: string): boolean => d === '' || (d.endsWith('/') && plainPath(d.slice(0, -1)))

const commonPrefix = (a: string, b: string): string => {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return a.slice(0, i)
}

/**
 * The units that carry `tasks`: wildcard units where the listing proves a prefix holds exactly
 * tasks (at least MIN_WILDCARD_OBJECTS and at most `max`), one key unit for every other task. Units come in the order
 * of their first task; every task is in exactly one unit.
 */
export function foldUnits(tasks: readonly CopyTask[], listing: SourceListing | undefined, max: number): Unit[] {
  const bySource = new Map<string, CopyTask>()
  const dup = new Set<string>()
  for (const t of tasks) {
    if (bySource.has(t.sourceKey)) dup.add(t.sourceKey)
    else bySource.set(t.sourceKey, t)
  }
  const folded = new Set<CopyTask>()
  const units: { at: number; unit: Unit }[] = []
  const order = new Map(tasks.map((t, i) => [t, i]))
  for (const [folder, listed] of listing && max >= MIN_WILDCARD_OBJECTS ? listing.folders : []) {
    if (!plainDir(folder)) continue
    const keys = [...listed].sort()
    const foldable = keys.map((k) => {
      const t = bySource.get(k)
      return t !== undefined && !dup.has(k) && !folded.has(t) && plainPath(k) && keyProblem(t.destKey) === null
    })
    const sums = [0]
    for (const f of foldable) sums.push(sums.at(-1)! + (f ? 1 : 0))
    const visit = (lo: number, hi: number): void => {
      const held = sums[hi]! - sums[lo]!
      if (held === 0 || hi - lo < MIN_WILDCARD_OBJECTS) return
      const prefix = commonPrefix(keys[lo]!, keys[hi - 1]!)
      if (held === hi - lo && held <= max) {
        const unit = wildcardUnit(prefix, keys.slice(lo, hi).map((k) => bySource.get(k)!))
        if (unit) {
          for (const t of unit.tasks) folded.add(t)
          units.push({ at: Math.min(...unit.tasks.map((t) => order.get(t)!)), unit })
          return
        }
        if (held === hi - lo) return // the destinations do not mirror the source: per key
      }
      // Split on the next character; a key equal to the prefix sorts first and stays per key.
      let i = lo
      while (i < hi && keys[i]!.length === prefix.length) i++
      while (i < hi) {
        const c = keys[i]![prefix.length]
        let j = i + 1
        while (j < hi && keys[j]![prefix.length] === c) j++
        visit(i, j)
        i = j
      }
    }
    visit(0, keys.length)
  }
  for (const [i, t] of tasks.entries()) if (!folded.has(t)) units.push({ at: i, unit: { kind: 'key', tasks: [t] } })
  return units.sort((a, b) => a.at - b.at).map((u) => u.unit)
}

/** `prefix*` → `destDir`: valid only when every task lands at destDir + its key after prefix's last `/`. */
function wildcardUnit(prefix: string, tasks: CopyTask[]): Unit | null {
  const cut = prefix.lastIndexOf('/') + 1
  let destDir: string | undefined
  for (const t of tasks) {
    const rel = t.sourceKey.slice(cut)
    if (!t.destKey.endsWith(rel)) return null
    const d = t.destKey.slice(0, t.destKey.length - rel.length)
    if ((destDir ??= d) !== d) return null
  }
  if (destDir === undefined || !plainDir(destDir)) return null
  return { kind: 'wildcard', prefix, destDir, tasks }
}

/**
 * Units packed in order into batches of exactly `max` tasks (the last may be short). A wildcard
 * unit too big for the room left fills it with its first keys as key lines: those start copying
 * at once while the batch's wildcard lines list (measured: batches made only of wildcard lines
 * copied no faster than key lines, each waiting on its listing). The rest of the unit is folded
 * again against all of its keys, so no later wildcard covers a key already in a batch.
 */
export function packUnits(units: readonly Unit[], max: number): Unit[][] {
  const out: Unit[][] = []
  const queue = [...units].reverse()
  let n = Infinity
  for (let u = queue.pop(); u; u = queue.pop()) {
    const room = max - n
    if (u.tasks.length <= room) {
      out.at(-1)!.push(u)
      n += u.tasks.length
      continue
    }
    if (u.kind === 'wildcard' && room > 0) {
      const folder = u.prefix.slice(0, u.prefix.lastIndexOf('/') + 1)
      const rest = foldUnits(u.tasks.slice(room), { listedAt: 0, folders: new Map([[folder, u.tasks.map((t) => t.sourceKey)]]) }, max)
      for (let i = rest.length - 1; i >= 0; i--) queue.push(rest[i]!)
      out.at(-1)!.push(...u.tasks.slice(0, room).map((t): Unit => ({ kind: 'key', tasks: [t] })))
      n = max
      continue
    }
    out.push([u])
    n = u.tasks.length
  }
  // Wildcard lines first: s5cmd reads lines in order, so their listings start before the key lines' copies.
  return out.map((b) => [...b.filter((u) => u.kind === 'wildcard'), ...b.filter((u) => u.kind === 'key')])
}
