// The per-job journal: append-only NDJSON, a header naming the job and a hash of its config,
// then one line per finished task. Lines are buffered briefly and written + fsync'd in small
// batches, so a crash loses at most the last fraction of a second — never a whole file.
import { createHash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import type { TaskResult } from '../../shared/contract'

export interface JournalHeader {
  type: 'header'
  schemaVersion: 1
  jobId: string
  configHash: string
  createdAt: string
}

export interface JournalResult extends TaskResult {
  type: 'result'
  key: string
  at: string
}

export const hashConfig = (config: unknown): string => createHash('sha256').update(JSON.stringify(config)).digest('hex')

export class Journal {
  private buffer: string[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: FileHandle,
    private readonly flushMs: number,
  ) {}

  static async create(path: string, header: Omit<JournalHeader, 'type' | 'schemaVersion'>, flushMs = 250): Promise<Journal> {
    const file = await open(path, 'a')
    const j = new Journal(file, flushMs)
    j.buffer.push(JSON.stringify({ type: 'header', schemaVersion: 1, ...header }))
    await j.flush()
    return j
  }

  append(result: TaskResult, key: string): void {
    this.buffer.push(JSON.stringify({ type: 'result', ...result, key, at: new Date().toISOString() }))
    if (this.buffer.length >= 500) void this.flush()
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs)
  }

  /** Writes and fsyncs everything appended so far; calls are serialised. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.buffer.length === 0) return this.writing
    const chunk = this.buffer.join('\n') + '\n'
    this.buffer = []
    this.writing = this.writing.then(async () => {
      await this.file.write(chunk)
      await this.file.datasync()
    })
    return this.writing
  }

  async close(): Promise<void> {
    await this.flush()
    await this.file.close()
  }
}
