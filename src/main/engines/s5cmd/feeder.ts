// s5cmd's stdin, fed a few lines ahead of its workers instead of the whole batch at once.
//
// Why: `s5cmd run` takes a line from stdin only when one of its workers is free (command/run.go:
// the reader hands lines one by one to a fixed pool), but a line already written is s5cmd's to
// run: nothing can take it back. With the whole batch written up front, a pause held nothing until
// the batch ended and a kill found the batch's every line in s5cmd's hands. With at most `window`
// lines unreported, a pause lets through only the lines already handed over, and s5cmd, idle on
// an open stdin, takes the rest when the job continues.
//
// Results arrive through output files read on a timer (output-file.ts); while the window is full
// the feeder reads them itself every `pollMs`, so a freed worker waits milliseconds, not a tick.
// A line may carry several tasks (a wildcard line for a folder's run of objects): the window then
// counts tasks, and a line heavier than the room left is handed over once the room is positive,
// so s5cmd never idles behind a heavy line.
// A task s5cmd never mentions would hold its slot for ever: after `stallMs` without any result
// while the window is full, the rest of the batch is handed over as one write, and the reconciler
// still accounts for every task when s5cmd exits.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Writable } from 'node:stream'

export interface FeedOptions {
  /** Tasks handed to s5cmd that have no result yet, at most (a heavy line may go past it once). */
  window: number
  /** Tasks per line (default 1 each). */
  weights?: readonly number[]
  /**
   * Whether more lines are coming: with it, `lines` (and `weights`) may grow while feeding (a job's
   * plan still being listed). Resolves true once lines were added, false when none will be.
   * Without it, stdin ends after the last line.
   */
  more?: () => Promise<boolean>
  /** How many tasks have a result so far (success, skip or failure). */
  reported: () => number
  /** Reads what the output files hold now; results it finds raise `reported()`. */
  refresh: () => Promise<void>
  waitIfPaused?: () => Promise<void>
  signal: AbortSignal
  /** The child's end: feeding stops when it comes (a binary that never started has no pipe to close). */
  exited: Promise<unknown>
  pollMs?: number
  stallMs?: number
  onStall?: (unreported: number) => void
  /** Lines [from, to) have just been handed over. */
  onHand?: (from: number, to: number) => void
}

/**
 * Writes `lines` (each text ending in a newline) to `stdin`, then ends it; stops early on abort or
 * a closed pipe. Resolves to how many lines were handed over.
 */
export async function feedLines(stdin: Writable, lines: readonly string[], o: FeedOptions): Promise<number> {
  const pollMs = o.pollMs ?? 5
  const stallMs = o.stallMs ?? 30_000
  let closed = false
  const onGone = (): void => void (closed = true)
  // A child that exits early (crash, cancel) closes the pipe: EPIPE is expected, not an error.
  stdin.on('error', onGone).once('close', onGone)
  const gone = o.exited.then(onGone, onGone)
  let next = 0
  // Tasks in the lines handed over so far.
  let handedTasks = 0
  const weight = (i: number): number => o.weights?.[i] ?? 1
  /** How many lines from `next` fit in `room` tasks: at least one while the room is positive. */
  const fitting = (room: number): number => {
    let n = 0
    for (let used = 0; next + n < lines.length; n++) {
      const w = weight(next + n)
      if (n === 0 ? room <= 0 : used + w > room) break
      used += w
    }
    return n
  }
  // The moment the window filled with no result since: a stall is measured only while full and running.
  let full: { reported: number; since: number } | undefined
  const aborted = new Promise<boolean>((resolve) => o.signal.addEventListener('abort', () => resolve(false), { once: true }))
  try {
    while (!closed && !o.signal.aborted) {
      if (next >= lines.length) {
        // Every line so far is handed over: wait for more, unless none can come or s5cmd is gone.
        if (!o.more || !(await Promise.race([o.more(), gone.then(() => false), aborted]))) break
        continue
      }
      const before = Date.now()
      await o.waitIfPaused?.()
      if (Date.now() - before > pollMs) full = undefined
      if (closed || o.signal.aborted) break
      let n = fitting(o.window - (handedTasks - o.reported()))
      if (n === 0) {
        await o.refresh()
        // A result just read may have cancelled the job: nothing more goes to s5cmd then.
        if (closed || o.signal.aborted) break
        n = fitting(o.window - (handedTasks - o.reported()))
      }
      if (n > 0) full = undefined
      else if (!full || full.reported !== o.reported()) full = { reported: o.reported(), since: Date.now() }
      else if (Date.now() - full.since >= stallMs) {
        o.onStall?.(handedTasks - o.reported())
        n = lines.length - next
      }
      if (n === 0) {
        await sleep(pollMs)
        continue
      }
      const chunk = lines.slice(next, next + n).join('')
      o.onHand?.(next, next + n)
      for (let i = next; i < next + n; i++) handedTasks += weight(i)
      next += n
      if (!stdin.write(chunk)) await Promise.race([new Promise((resolve) => stdin.once('drain', resolve)), gone])
    }
  } finally {
    stdin.off('error', onGone).off('close', onGone)
    stdin.on('error', () => undefined)
    if (!closed) stdin.end()
  }
  return next
}
