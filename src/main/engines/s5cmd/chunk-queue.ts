// The s5cmd engine's side of its input: one reader moves each chunk, prepared (uncarriable keys
// answered, leftovers removed), into a queue as it comes, and whichever process is running takes
// from the queue. A process that died early puts its untaken tasks back at the front; one that
// has ended takes nothing more, so no chunk is ever in the hands of a process that is gone.
import { chunksOf } from '../task-feed'
import type { CopyTask, TaskInput } from '../types'

export interface ChunkQueue {
  /** The next chunk, at once or when one comes; undefined once the input has ended and nothing is queued, or when `quit()` says so. */
  take(quit?: () => boolean): Promise<readonly CopyTask[] | undefined>
  /** Back to the front: a process's untaken tasks go first. */
  putBack(tasks: readonly CopyTask[]): void
  /** Wakes every `take` waiting, to ask its `quit` again. */
  wake(): void
  /** Resolves once the input is read to its end; rejects with the reader's error. */
  done(): Promise<void>
}

export function chunkQueue(input: TaskInput, prepare: (tasks: readonly CopyTask[]) => Promise<readonly CopyTask[]>): ChunkQueue {
  const queue: (readonly CopyTask[])[] = []
  let ended = false
  const waiters: (() => void)[] = []
  const wake = () => {
    for (const w of waiters.splice(0)) w()
  }
  const reading = (async () => {
    try {
      for await (const chunk of chunksOf(input)) {
        const ready = await prepare(chunk)
        if (ready.length === 0) continue
        queue.push(ready)
        wake()
      }
    } finally {
      ended = true
      wake()
    }
  })()
  // Awaited by done(); a reader failure must not go unhandled before then.
  reading.catch(() => undefined)
  return {
    async take(quit) {
      for (;;) {
        if (quit?.()) return undefined
        const next = queue.shift()
        if (next) return next
        if (ended) return undefined
        await new Promise<void>((resolve) => waiters.push(resolve))
      }
    },
    putBack(tasks) {
      queue.unshift(tasks)
      wake()
    },
    wake,
    done: () => reading,
  }
}
