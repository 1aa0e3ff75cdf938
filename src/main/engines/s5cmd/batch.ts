// The text fed to `s5cmd run` on stdin: one `cp` line per task (reference/s5cmd.md "Invocation").
// Keys are data, never shell: no shell ever runs; s5cmd itself splits each line with POSIX
// quoting (go-shellquote), so every URL is single-quoted here.
import { s3Url } from '../../../shared/keys'
import { containedPath } from '../../local/contained'
import { taskProblem } from '../route/carriable'
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

/** One `cp` line. `--raw=true` stops `*?[` in keys from being globbed. */
export function cpLine(task: CopyTask, o: LineOptions): string {
  const { source, destination } = taskUrls(task, o)
  const flags = ['cp', '--raw=true']
  if (o.sourceRegion) flags.push('--source-region', shellQuote(o.sourceRegion))
  // s3→s3 defaults to REPLACE, which drops Content-Type and user metadata; COPY keeps them.
  if (!o.localRoot && versionAtLeast(o.version, METADATA_DIRECTIVE_VERSION)) flags.push('--metadata-directive', 'COPY')
  return `${flags.join(' ')} ${shellQuote(source)} ${shellQuote(destination)}`
}

/**
 * The batch: one line per task, in task order, no blank or comment lines. (s5cmd's "(line: N)"
 * cannot be used to find the task: see reconcile.ts.) Throws on a key that cannot be carried:
 * callers partition first.
 */
export function batchLines(tasks: readonly CopyTask[], o: LineOptions): string[] {
  return tasks.map((t) => {
    const problem = taskProblem(t)
    if (problem) throw new Error(`task ${t.id} cannot go to s5cmd: ${problem}`)
    return `${cpLine(t, o)}\n`
  })
}

export const batchText = (tasks: readonly CopyTask[], o: LineOptions): string => batchLines(tasks, o).join('')
