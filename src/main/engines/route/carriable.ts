// The one rule for "can s5cmd carry this task", decided per task by the route: what s5cmd
// cannot carry goes to the SDK's CopyObject, which carries every key correctly. The s5cmd engine
// and the batch writer apply the same rule as a guard, so no dangerous line is ever written.
import { COPY_OBJECT_LIMIT } from '../part-copy'
import type { CopyTask } from '../types'

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

/** Why this task must go to the SDK engine instead, or null when s5cmd can take it. */
export function taskProblem(task: CopyTask): string | null {
  if (task.size > COPY_OBJECT_LIMIT) return 'object is over 5 GB: CopyObject cannot copy it in one request'
  return keyProblem(task.sourceKey) ?? keyProblem(task.destKey)
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
