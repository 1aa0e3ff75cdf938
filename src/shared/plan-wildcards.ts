// Runs of a plan's tasks that s5cmd can copy with one wildcard line (`cp 's3://src/<prefix>*'
// 's3://dst/<folder>/'`): a source prefix under which every listed object is a task of the plan.
//
// Why: `s5cmd run` pays a line's parsing and command set-up per line; measured on 2,920 objects
// against the local S3, one line per object cost s5cmd 3.5 CPU s, one wildcard line per folder
// 1.65 s, on two cores the server shares. A run is only ever a prefix whose every listed key is a
// task, so the wildcard copies what the plan holds and nothing else:
// - an object left out of the selection (another date, a filtered name, a .CHECKSUM not asked
//   for) or a key expected but missing (it may be published during the job) breaks the run;
// - a run never reaches its folder's last key: new files sort after the existing ones, and a
//   prefix that stops before the last key cannot match a key after it.
// Runs hold MIN..MAX tasks: below MIN the extra list request costs more than the lines it saves;
// above MAX a pause or a kill would find too many copies in s5cmd's hands at once.
import type { ListedObject } from './plan'

export interface WildcardRun {
  /** The full source key prefix; s5cmd lists it and copies every object under it. */
  prefix: string
  /** How many tasks of the plan start with it (all of them must be sent together). */
  count: number
}

export const WILDCARD_MIN = 8
export const WILDCARD_MAX = 64
const GLOB = /[*?]/

const commonPrefixLength = (a: string, b: string): number => {
  let i = 0
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return i
}

/** One folder: `keys` sorted, `foreign[i]` set where keys[i] is not a task. */
function folderRuns(keys: readonly string[], foreign: Uint8Array, folderLength: number, out: WildcardRun[]): void {
  // before[i] = foreign keys among keys[0..i): a range is pure when none lie in it.
  const before = new Uint32Array(keys.length + 1)
  for (let i = 0; i < keys.length; i++) before[i + 1] = before[i] + foreign[i]
  const visit = (lo: number, hi: number, depth: number): void => {
    if (hi - lo < WILDCARD_MIN) return
    // The longest prefix the range shares: the narrowest pattern for the same keys.
    const shared = commonPrefixLength(keys[lo], keys[hi - 1])
    if (before[hi] === before[lo] && hi < keys.length && hi - lo <= WILDCARD_MAX) {
      const prefix = keys[lo].slice(0, shared)
      if (!GLOB.test(prefix)) out.push({ prefix, count: hi - lo })
      return
    }
    const at = Math.max(depth, shared)
    for (let i = lo; i < hi; ) {
      const c = keys[i].charCodeAt(at)
      let j = i + 1
      while (j < hi && keys[j].charCodeAt(at) === c) j++
      // A key that ends at `at` (c is NaN) is a run of its own: too small to keep.
      if (!Number.isNaN(c)) visit(i, j, at + 1)
      i = j
    }
  }
  visit(0, keys.length, folderLength)
}

/**
 * One folder's runs: its listing (recursive), the keys of it that are tasks, and the keys expected
 * in it but not found. The planner calls it as it lets each listing go (make-plan.ts).
 */
export function folderWildcardRuns(folder: string, listed: readonly ListedObject[], taken: readonly string[], missing: readonly string[]): WildcardRun[] {
  const out: WildcardRun[] = []
  if (taken.length < WILDCARD_MIN) return out
  // Arrays of keys the plan already holds, not sets: a million tasks' worth of set entries would
  // add tens of MB to planning's peak. They are sorted and merged with the listing.
  const mine = [...taken].sort()
  const keys = listed.map((o) => o.key).concat(missing).sort()
  const foreign = new Uint8Array(keys.length)
  for (let i = 0, j = 0; i < keys.length; i++) {
    while (j < mine.length && mine[j] < keys[i]) j++
    foreign[i] = j < mine.length && mine[j] === keys[i] ? 0 : 1
  }
  folderRuns(keys, foreign, folder.length, out)
  return out
}
