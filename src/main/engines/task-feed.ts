// The tasks a job hands its engine while its plan is still being listed: chunks in plan order,
// written as folders are planned and read by one engine. A PassThrough in object mode is the
// queue (it buffers what the engine has not read yet; the planner holds those tasks anyway) and
// its async iterator is the engine's side.
import { PassThrough } from 'node:stream'
import type { CopyTask, TaskInput } from './types'

export interface TaskFeed extends AsyncIterable<readonly CopyTask[]> {
  push(tasks: readonly CopyTask[]): void
  /** No more tasks: the plan is complete (or stopped). */
  end(): void
}

export function createTaskFeed(): TaskFeed {
  // Never full: a chunk waiting here costs nothing the plan does not already hold.
  const stream = new PassThrough({ objectMode: true, highWaterMark: Number.MAX_SAFE_INTEGER })
  return {
    push(tasks) {
      // An engine that stopped reading (its iterator returned) destroyed the stream: nothing more to take.
      if (tasks.length > 0 && !stream.destroyed && !stream.writableEnded) stream.write(tasks)
    },
    end() {
      if (!stream.destroyed && !stream.writableEnded) stream.end()
    },
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator]() as AsyncIterator<readonly CopyTask[]>,
  }
}

/** An engine's input as chunks: a list is one chunk. */
export async function* chunksOf(input: TaskInput): AsyncGenerator<readonly CopyTask[]> {
  if (Array.isArray(input)) {
    if (input.length > 0) yield input
    return
  }
  for await (const chunk of input as AsyncIterable<readonly CopyTask[]>) if (chunk.length > 0) yield chunk
}

/** An engine's input task by task, read lazily (p-map takes async iterables). */
export async function* eachTask(input: TaskInput): AsyncGenerator<CopyTask> {
  for await (const chunk of chunksOf(input)) yield* chunk
}

/** Every task of the input, once it has ended: for an engine that must see the whole job (S3 Batch Operations). */
export async function allTasks(input: TaskInput): Promise<readonly CopyTask[]> {
  if (Array.isArray(input)) return input
  const all: CopyTask[] = []
  for await (const chunk of chunksOf(input)) for (const t of chunk) all.push(t)
  return all
}
