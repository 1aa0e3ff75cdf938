// The per-job journal: append-only NDJSON, a header naming the job and a hash of its config,
// a line per session, then one line per finished task and per verified object. Lines are buffered
// briefly and written + fsync'd in small batches, so a crash loses at most the last fraction of a
// second — those tasks are simply redone on resume.
import { createHash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import type { TaskResult } from '../../shared/contract'
import { canonicalJson, jobIdentity, type JournalHeader, type VerifyOutcome } from '../../shared/journal'

export type { JournalHeader }

/** sha256 of the job-defining config (credentials left out: they may rotate between run and resume). */
export const hashConfig = (config: object): string =>
  createHash('sha256').update(canonicalJson(jobIdentity(config as Record<string, unknown>))).digest('hex')

export class Journal {
  private buffer: string[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private writing: Promise<void> = Promise.resolve()
  private failed: unknown

  private constructor(
    private readonly file: FileHandle,
    private readonly flushMs: number,
  ) {}

  static async create(path: string, header: Omit<JournalHeader, 'type' | 'schemaVersion'>, flushMs = 250): Promise<Journal> {
    const file = await open(path, 'wx')
    const j = new Journal(file, flushMs)
    j.buffer.push(JSON.stringify({ type: 'header', schemaVersion: 1, ...header }))
    await j.flush()
    return j
  }

  /** Reopens an existing journal for a resume; `validBytes` cuts a torn last line left by a crash. */
  static async reopen(path: string, validBytes: number, flushMs = 250): Promise<Journal> {
    const file = await open(path, 'r+')
    await file.truncate(validBytes)
    await file.close()
    return new Journal(await open(path, 'a'), flushMs)
  }

  session(resumed: boolean): Promise<void> {
    this.buffer.push(JSON.stringify({ type: 'session', at: new Date().toISOString(), resumed }))
    return this.flush()
  }

  append(result: TaskResult, key: string): void {
    this.push(JSON.stringify({ type: 'result', ...result, key, at: new Date().toISOString() }))
  }

  verified(outcome: VerifyOutcome): void {
    this.push(JSON.stringify({ type: 'verify', ...outcome, at: new Date().toISOString() }))
  }

  private push(line: string): void {
    this.buffer.push(line)
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
    // A failed write (disk full) is kept and rethrown by close(): the job must not report a
    // journal it could not write as intact.
    this.writing = this.writing.then(async () => {
      if (this.failed) return
      try {
        await this.file.write(chunk)
        await this.file.datasync()
      } catch (err) {
        this.failed = err
      }
    })
    return this.writing
  }

  async close(): Promise<void> {
    await this.flush()
    await this.file.close()
    if (this.failed) throw this.failed
  }
}
