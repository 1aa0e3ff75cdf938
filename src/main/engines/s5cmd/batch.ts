// The text fed to `s5cmd run` on stdin, and the argv around it (reference/s5cmd.md "Invocation").
// Keys are data, never shell: no shell ever runs; s5cmd itself splits each line with POSIX
// quoting (go-shellquote), so every URL is single-quoted here.
import { s3Url } from '../../../shared/keys'
import { safeLocalPath } from '../sdk-download'
import type { CopyTask, Endpoint } from '../types'
import { METADATA_DIRECTIVE_VERSION, versionAtLeast } from './locate'

/** CopyObject's limit: larger objects fail in s5cmd with EntityTooLarge (multipart copy is the SDK's). */
export const MAX_COPY_OBJECT_BYTES = 5 * 1024 ** 3

/**
 * POSIX single-quoting: `'` becomes `'\''`. Everything else inside quotes is literal — except that
 * s5cmd's `run` splits its input on line breaks: a CR, LF or NUL in any part would start another
 * command, so such a string is refused, never quoted.
 */
export const shellQuote = (s: string): string => {
  if (/[\r\n\0]/.test(s)) throw new Error(`refusing to quote ${JSON.stringify(s)}: line breaks and NUL would split the s5cmd batch`)
  return `'${s.replaceAll("'", "'\\''")}'`
}

// What s5cmd cannot carry safely (the SDK's CopyObject carries all of these correctly):
// - whitespace, C0/C1 controls, format/private/unassigned/surrogate code points: `run` splits the
//   batch on newlines and trims lines, and a space is worse than a failure: s5cmd builds
//   x-amz-copy-source with url.QueryEscape, which writes a space as `+`; the server reads `+`
//   back as a plus, so `a b.zip` copies the object `a+b.zip` if one exists — and reports success
//   (seen with s5cmd 2.2.2 on s3rver) — or fails with NoSuchKey;
// - `# $ & + , : ; = ? @`: QueryEscape %-encodes them and s3rver decodes the header with
//   decodeURI, which leaves exactly these encoded → NoSuchKey on the dev/test server;
// - quotes, backtick and backslash: listed as failing in reference/s5cmd.md; kept out to be safe.
const UNSAFE_CHAR = /[\s\p{C}'"`\\#$&+,:;=?@]/u

/** Why s5cmd cannot carry this key safely, or null when it can. */
export function keyProblem(key: string): string | null {
  if (key === '') return 'empty key'
  if (key.endsWith('/')) return 'key ends with "/" (s5cmd treats it as a prefix)'
  // Left to the SDK engines, which refuse to write such a key outside the chosen folder.
  if (key.split('/').includes('..')) return 'key has a ".." segment'
  const bad = UNSAFE_CHAR.exec(key)
  if (bad) {
    const cp = bad[0].codePointAt(0)!
    const shown = cp > 0x20 && cp < 0x7f ? `"${bad[0]}"` : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
    return `key contains ${shown}, which s5cmd cannot carry safely`
  }
  return null
}

export const canCarry = (key: string): boolean => keyProblem(key) === null

/** Why this task must go to the SDK engine instead, or null when s5cmd can take it. */
export function taskProblem(task: CopyTask): string | null {
  if (task.size > MAX_COPY_OBJECT_BYTES) return 'object is over 5 GB: CopyObject cannot copy it in one request'
  const p = keyProblem(task.sourceKey) ?? keyProblem(task.destKey)
  return p
}

/** Split tasks into those s5cmd may carry and those to route to the SDK (with the reason). */
export function partitionTasks(tasks: readonly CopyTask[]): { carry: CopyTask[]; route: { task: CopyTask; reason: string }[] } {
  const carry: CopyTask[] = []
  const route: { task: CopyTask; reason: string }[] = []
  for (const task of tasks) {
    const reason = taskProblem(task)
    if (reason) route.push({ task, reason })
    else carry.push(task)
  }
  return { carry, route }
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
  destination: o.localRoot ? safeLocalPath(o.localRoot, task.destKey) : s3Url(o.destinationBucket, task.destKey),
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
export function batchText(tasks: readonly CopyTask[], o: LineOptions): string {
  return tasks
    .map((t) => {
      const problem = taskProblem(t)
      if (problem) throw new Error(`task ${t.id} cannot go to s5cmd: ${problem}`)
      return cpLine(t, o)
    })
    .map((l) => `${l}\n`)
    .join('')
}

export interface GlobalOptions {
  numWorkers: number
  retryCount: number
  endpointUrl?: string
  /** Only when nothing can sign (an anonymous, publicly writable destination). */
  noSignRequest?: boolean
}

/** Global flags go before `run`; `--log debug` is what makes skips and retries visible. */
export function globalArgs(o: GlobalOptions): string[] {
  return [
    '--json',
    '--log',
    'debug',
    '--numworkers',
    String(Math.max(1, Math.floor(o.numWorkers))),
    '--retry-count',
    String(Math.max(0, Math.floor(o.retryCount))),
    ...(o.endpointUrl ? ['--endpoint-url', o.endpointUrl] : []),
    ...(o.noSignRequest ? ['--no-sign-request'] : []),
    'run',
  ]
}

/** Names (never values) of the credential variables the child gets. */
export function credentialEnvNames(destination: Endpoint): string[] {
  const names = ['AWS_REGION']
  if (destination.credentials) {
    names.push('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY')
    if (destination.credentials.sessionToken) names.push('AWS_SESSION_TOKEN')
  } else if (destination.profile) names.push('AWS_PROFILE')
  return names
}

export interface BatchExport {
  /** The exact stdin text. */
  batch: string
  argv: string[]
  /** A copy-pasteable command line reading the batch from `batchFile`. */
  commandLine: string
  /** Variables to set before running it (names only: credentials are never exported). */
  env: string[]
  /** Tasks left out because s5cmd cannot carry them, with why. */
  routed: { id: number; reason: string }[]
}

/** The batch text and command line that reproduce a run, for the "export" button and bug reports. */
export function exportBatch(
  tasks: readonly CopyTask[],
  o: LineOptions & GlobalOptions & { binary?: string; batchFile?: string; destination?: Endpoint },
): BatchExport {
  const { carry, route } = partitionTasks(tasks)
  const argv = globalArgs(o)
  const bin = o.binary ?? 's5cmd'
  const file = o.batchFile ?? 'batch.txt'
  return {
    batch: batchText(carry, o),
    argv,
    commandLine: `${[bin, ...argv].map(quoteIfNeeded).join(' ')} < ${quoteIfNeeded(file)}`,
    env: o.destination ? credentialEnvNames(o.destination) : [],
    routed: route.map((r) => ({ id: r.task.id, reason: r.reason })),
  }
}

const quoteIfNeeded = (s: string): string => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : shellQuote(s))
