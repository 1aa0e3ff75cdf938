// s5cmd dies with this process, however this process dies. execa's `cleanup` kills the child on a
// normal exit only: after a kill -9 (or a crash, or the OOM killer) s5cmd is re-parented to init,
// finishes its batch unseen and copies alongside the resume that follows. So on Linux and macOS the
// child starts as `/bin/sh -c TETHER`, which forks a watcher holding a pipe from this process and
// then `exec`s s5cmd in its own place: the pid execa holds IS s5cmd's (signals, exit code, stdin
// and the output descriptors are exactly as with a direct spawn). The watcher blocks reading the
// pipe. When s5cmd ends, this process writes one line and the watcher leaves quietly. When this
// process dies, the kernel closes its end, the read sees EOF, and the watcher SIGKILLs s5cmd.
// Not SIGTERM first: s5cmd 2.2.2 keeps taking lines of its batch for a second or two after
// SIGTERM (measured: a kill -9 of the CLI mid-job, and s5cmd, still alive when the resume began,
// copied two more objects that the resume then copied again). Nobody is left to read its results,
// and the partial download files a SIGKILL leaves are removed by the resume (leftovers.ts).
// Arguments reach s5cmd as "$@": the script is a constant, nothing is interpolated into it, and
// keys only ever travel on stdin. A cancel is unchanged: execa sends SIGTERM, then SIGKILL.
//
// Windows has no sh: s5cmd is spawned directly, and a hard kill of the app leaves it running to
// the end of its batch (only a Job Object with KILL_ON_JOB_CLOSE, which Node cannot create,
// would tie them); the resume then copies at most that batch again.
import { access, constants } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import type { Options } from 'execa'

// $0 names the script in sh's messages; "$@" is s5cmd and its argv. `read` succeeds on the line
// written at the end and fails on EOF: this process is gone. s5cmd's pid cannot have been reused
// by then: it stays taken until this process reaps s5cmd, which comes just before the line.
const TETHER = `( read -r _ <&3 || kill -KILL $$ ) </dev/null >/dev/null 2>&1 &
exec "$@" 3<&-`

export const tetherSupported = process.platform !== 'win32'

/** What the engine sets besides the descriptors: execa's own options, passed through. */
type SpawnOptions = Omit<Options, 'stdio' | 'stdin' | 'stdout' | 'stderr'>

/**
 * execa(binary, argv) writing to the descriptors `stdout` and `stderr`, with the child tied to this
 * process where the platform allows. A binary that cannot be started is spawned directly, so the
 * error is the spawn's own (ENOENT, EACCES) and there is nothing to tie. The child comes wrapped:
 * execa's subprocess is a promise of its end, which an `await` of the bare value would wait for.
 */
export async function spawnTethered(binary: string, argv: readonly string[], fds: { stdout: number; stderr: number }, options: SpawnOptions) {
  const startable = await access(binary, constants.X_OK).then(() => true, () => false)
  // Loaded on first use (~100 ms of module loading), not at the CLI's start: see locate.ts.
  const { execa } = await import('execa')
  // execa's types list descriptors 1–9 only; at run time any integer goes to spawn() untouched
  // (execa/lib/stdio/native.js).
  const out = fds.stdout as 3
  const err = fds.stderr as 3
  if (!tetherSupported || !startable) return { child: execa(binary, argv, { ...options, stdio: ['pipe', out, err, 'ignore'] }) }
  const child = execa('/bin/sh', ['-c', TETHER, 'archive-sync-s5cmd', binary, ...argv], { ...options, stdio: ['pipe', out, err, 'pipe'] })
  const tether = child.stdio[3] as unknown as Writable
  // The watcher may be gone already (killed with s5cmd's group): a write to a closed pipe is not an error here.
  tether.on('error', () => undefined)
  child.once('exit', () => tether.end('done\n'))
  return { child }
}
