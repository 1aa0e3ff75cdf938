// The text fed to `s5cmd run` on stdin: one `cp` line per task (reference/s5cmd.md "Invocation"),
// or one wildcard line for a run of the plan that is sent whole (plan-wildcards.ts says why).
// Keys are data, never shell: no shell ever runs; s5cmd itself splits each line with POSIX
// quoting (go-shellquote), so every URL is single-quoted here.
import { s3Url } from '../../../shared/keys'
import { containedPath } from '../../local/contained'
import { taskProblem } from '../route/carriable'
import type { WildcardRun } from '../../../shared/plan-wildcards'
import type { CopyTask } from '../types'
import { METADATA_DIRECTIVE_VERSION, versionAtLeast } from './locate'

/**
 * POSIX single-quoting: `'` becomes `'\''`. Everything else inside quotes is literal — except that
 * s5cmd's `run` splits its input on line breaks: a CR, LF or NUL in any part would start another
 * command, so such a string is refused, never quoted.
 */
export const shellQuote = (s: string): string => {
  if (/[\r\n\0]/.test(s)) throw new Error(`refusing to quote ${JSON.stringify(s)}: line breaks and NUL would split the s5cmd batch`)
  return `'${s.replaceAll("'", "'\\''")}'`
}

export interface LineOptions {
  sourceBucket: string
  destinationBucket: string
  /** Passed when the source bucket lives in another region than the destination's. */
  sourceRegion?: string
  /** The s5cmd version in use: `--metadata-directive COPY` only from 2.3.0 on. */
  version: string
  /** Download mode: objects land at `<localRoot>/<destKey>` (s5cmd writes a temp file, then renames). */
  localRoot?: string
}

/** The URL pair s5cmd prints back for a task (`source`/`destination`, or `cp SRC DST`). */
export const taskUrls = (task: CopyTask, o: Pick<LineOptions, 'sourceBucket' | 'destinationBucket' | 'localRoot'>): { source: string; destination: string } => ({
  source: s3Url(o.sourceBucket, task.sourceKey),
  // s5cmd prints a local destination back exactly as given: an absolute path under the root.
  destination: o.localRoot ? containedPath(o.localRoot, task.destKey) : s3Url(o.destinationBucket, task.destKey),
})

function cpFlags(o: LineOptions, raw: boolean): string {
  const flags = raw ? ['cp', '--raw=true'] : ['cp']
  if (o.sourceRegion) flags.push('--source-region', shellQuote(o.sourceRegion))
  // s3→s3 defaults to REPLACE, which drops Content-Type and user metadata; COPY keeps them.
  if (!o.localRoot && versionAtLeast(o.version, METADATA_DIRECTIVE_VERSION)) flags.push('--metadata-directive', 'COPY')
  return flags.join(' ')
}

/** One `cp` line. `--raw=true` stops `*?[` in keys from being globbed. */
export function cpLine(task: CopyTask, o: LineOptions): string {
  const { source, destination } = taskUrls(task, o)
  return `${cpFlags(o, true)} ${shellQuote(source)} ${shellQuote(destination)}`
}

/** What one line of the batch carries: one task, or a wildcard run sent whole (its URLs as s5cmd prints them). */
export interface BatchUnit {
  text: string
  tasks: CopyTask[]
  wildcard?: { source: string; destination: string }
}

/**
 * The wildcard line for a run, or undefined when these tasks cannot share one: every task of the
 * run must be here, and each must land as `<one destination folder>/<its source name>`, which is
 * where s5cmd puts the objects a wildcard matches.
 */
function wildcardUnit(run: WildcardRun, tasks: CopyTask[], o: LineOptions): BatchUnit | undefined {
  if (tasks.length !== run.count || /[*?]/.test(run.prefix)) return undefined
  const folder = run.prefix.slice(0, run.prefix.lastIndexOf('/') + 1)
  let destFolder: string | undefined
  for (const t of tasks) {
    const name = t.sourceKey.slice(folder.length)
    if (name.includes('/') || !t.destKey.endsWith(`/${name}`) || taskProblem(t)) return undefined
    const d = t.destKey.slice(0, t.destKey.length - name.length)
    if ((destFolder ??= d) !== d) return undefined
  }
  if (!destFolder || /[*?]/.test(destFolder)) return undefined
  const wildcard = { source: `${s3Url(o.sourceBucket, run.prefix)}*`, destination: s3Url(o.destinationBucket, destFolder) }
  return { text: `${cpFlags(o, false)} ${shellQuote(wildcard.source)} ${shellQuote(wildcard.destination)}\n`, tasks, wildcard }
}

/**
 * The batch as lines, in task order, no blank or comment lines; throws on a task s5cmd cannot
 * carry. A wildcard run of the plan whose every task is here goes as one line where its first task
 * stands; every other task as its own line. Downloads always go one line per object. The runs of the first `leading` tasks go one line per
 * task too: s5cmd lists before it copies a wildcard, and the first copies should not wait for that
 * (nor should a job started from a preview list anything before its first copy).
 */
export function batchUnits(tasks: readonly CopyTask[], o: LineOptions, runs: readonly WildcardRun[] = [], leading = 0): BatchUnit[] {
  const byPrefix = new Map(o.localRoot ? [] : runs.map((r) => [r.prefix, { run: r, tasks: [] as CopyTask[] }]))
  const lengths = [...new Set([...byPrefix.keys()].map((p) => p.length))]
  const runOf = new Map<number, string>()
  for (const t of tasks)
    for (const n of lengths) {
      const hit = byPrefix.get(t.sourceKey.slice(0, n))
      if (!hit || t.sourceKey.length === n) continue
      hit.tasks.push(t)
      runOf.set(t.id, hit.run.prefix)
      break
    }
  const units: BatchUnit[] = []
  const decided = new Map<string, BatchUnit | undefined>()
  for (const t of tasks.slice(0, leading)) {
    const prefix = runOf.get(t.id)
    if (prefix !== undefined) decided.set(prefix, undefined)
  }
  for (const t of tasks) {
    const prefix = runOf.get(t.id)
    if (prefix !== undefined) {
      if (!decided.has(prefix)) {
        const { run, tasks: members } = byPrefix.get(prefix)!
        const unit = wildcardUnit(run, members, o)
        decided.set(prefix, unit)
        if (unit) units.push(unit)
      }
      if (decided.get(prefix)) continue
    }
    const problem = taskProblem(t)
    if (problem) throw new Error(`task ${t.id} cannot go to s5cmd: ${problem}`)
    units.push({ text: `${cpLine(t, o)}\n`, tasks: [t] })
  }
  return units
}

/**
 * The plan's wildcard runs by source folder, indexed as the list grows (a job's feed adds a
 * folder's runs before its tasks): a chunk of tasks takes the runs of its folders, once. A run
 * whose tasks came in two chunks then finds some missing and goes line by line.
 */
export function runPicker(runs: () => readonly WildcardRun[] | undefined): (tasks: readonly CopyTask[]) => WildcardRun[] {
  const byFolder = new Map<string, WildcardRun[]>()
  const folderOf = (key: string) => key.slice(0, key.lastIndexOf('/') + 1)
  let indexed = 0
  return (tasks) => {
    const all = runs() ?? []
    for (; indexed < all.length; indexed++) {
      const f = folderOf(all[indexed].prefix)
      const list = byFolder.get(f)
      if (list) list.push(all[indexed])
      else byFolder.set(f, [all[indexed]])
    }
    const picked: WildcardRun[] = []
    if (byFolder.size === 0) return picked
    for (const t of tasks) {
      const f = folderOf(t.sourceKey)
      const list = byFolder.get(f)
      if (!list) continue
      for (const r of list) picked.push(r)
      byFolder.delete(f)
    }
    return picked
  }
}

/**
 * The batch as a user reruns it: one line per task, in task order, no blank or comment lines.
 * (s5cmd's "(line: N)" cannot be used to find the task: see reconcile.ts.) Throws on a key that
 * cannot be carried: callers partition first.
 */
export const batchText = (tasks: readonly CopyTask[], o: LineOptions): string =>
  batchUnits(tasks, o)
    .map((u) => u.text)
    .join('')
