// The per-job journal (journal.ndjson), its only writer and reader: append-only NDJSON, a header
// naming the job and a hash of its config, a line per session, then one line per finished task and
// per verified object. Commits are group commits without a timer: a line is written and fsync'd
// at once when the disk is idle; lines that arrive while an fsync runs go together in the next one.
// So a kill -9 loses only the lines of the fsync under way: at most the objects in flight, plus
// those that finished during that one fsync (milliseconds), are redone on resume.
//
// Reading it back, every line goes through zod (journalLineSchema). A journal that belongs to
// another job or config, or a line that does not parse, is a clear error with a code — a resume
// never silently starts over. The one tolerated defect is a torn last line (no newline): the write
// a crash interrupted; it is cut off and its tasks are redone.
import { createHash } from 'node:crypto'
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { AppError, type TaskResult } from '../../shared/contract'
import { canonicalJson, jobIdentity, journalLineSchema, type JournalHeader, type ResultLine, type VerifyOutcome } from '../../shared/journal'

export type { JournalHeader }

/** sha256 of the job-defining config (credentials left out: they may rotate between run and resume). */
export const hashConfig = (config: { s3_config?: object }): string => createHash('sha256').update(canonicalJson(jobIdentity(config))).digest('hex')

export class Journal {
  private buffer: string[] = []
  /** The write + fsync under way, if any: lines pushed meanwhile wait for the next one. */
  private inFlight: Promise<void> | undefined
  private failed: unknown
  /** Writes + fsyncs done so far, and the time they took (the bench reports what a job needs). */
  commits = 0
  busyMs = 0

  private constructor(private readonly file: FileHandle) {}

  static async create(path: string, header: Omit<JournalHeader, 'type' | 'schemaVersion'>): Promise<Journal> {
    const file = await open(path, 'wx')
    const j = new Journal(file)
    j.push(JSON.stringify({ type: 'header', schemaVersion: 1, ...header } satisfies JournalHeader))
    await j.flush()
    return j
  }

  /** Reopens an existing journal for a resume; `validBytes` cuts a torn last line left by a crash. */
  static async reopen(path: string, validBytes: number): Promise<Journal> {
    const file = await open(path, 'r+')
    await file.truncate(validBytes)
    await file.close()
    return new Journal(await open(path, 'a'))
  }

  session(resumed: boolean): Promise<void> {
    this.push(JSON.stringify({ type: 'session', at: new Date().toISOString(), resumed }))
    return this.flush()
  }

  append(result: TaskResult, key: string): void {
    this.push(JSON.stringify({ type: 'result', ...result, key, at: new Date().toISOString() } satisfies ResultLine))
  }

  verified(outcome: VerifyOutcome): void {
    this.push(JSON.stringify({ type: 'verify', ...outcome, at: new Date().toISOString() }))
  }

  private push(line: string): void {
    this.buffer.push(line)
    this.commit()
  }

  /** Starts a write of everything buffered unless one is under way; each one, when done, starts the next. */
  private commit(): void {
    if (this.inFlight || this.buffer.length === 0) return
    const chunk = this.buffer.join('\n') + '\n'
    this.buffer = []
    this.inFlight = this.write(chunk).finally(() => {
      this.inFlight = undefined
      this.commit()
    })
  }

  private async write(chunk: string): Promise<void> {
    // A failed write (disk full) is kept and rethrown by close(): the job must not report a
    // journal it could not write as intact.
    if (this.failed) return
    const t = performance.now()
    try {
      await this.file.write(chunk)
      await this.file.datasync()
      this.commits++
      this.busyMs += performance.now() - t
    } catch (err) {
      this.failed = err
    }
  }

  /** Resolves once everything appended so far is written and fsync'd. */
  async flush(): Promise<void> {
    while (this.inFlight || this.buffer.length > 0) {
      this.commit()
      await this.inFlight
    }
  }

  async close(): Promise<void> {
    await this.flush()
    await this.file.close()
    if (this.failed) throw this.failed
  }
}

export interface JournalState {
  header: JournalHeader
  /** The last transfer outcome of each task id. */
  results: Map<number, TaskResult>
  /** The last verification of each task id. */
  verified: Map<number, VerifyOutcome>
  /** The source key each result line names, by task id: read only when asked (a plan to check them against). */
  keys?: Map<number, string>
  /** Per session: its start, active time (to its last line, ms) and what its result lines say. */
  sessions: { at: string; activeMs: number; resumed: boolean; synced: number; failed: number; bytes: number }[]
  /** Bytes of whole lines: a resume truncates the file here before appending. */
  validBytes: number
  tornTail: boolean
}

export async function readJournal(path: string, expect: { jobId: string; configHash: string }, opts: { keys?: boolean } = {}): Promise<JournalState> {
  const buf = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new AppError('JOURNAL_MISSING', `No journal at ${path} (${err.code ?? err.message}): the job never started copying; run it again`)
  })
  const end = buf.lastIndexOf(0x0a) + 1
  const tornTail = end < buf.length
  const lines = buf.subarray(0, end).toString('utf8').split('\n').slice(0, -1)
  let header: JournalHeader | undefined
  const results = new Map<number, TaskResult>()
  const verified = new Map<number, VerifyOutcome>()
  const keys = opts.keys ? new Map<number, string>() : undefined
  const sessions: JournalState['sessions'] = []
  let sessionStart = 0
  lines.forEach((text, i) => {
    const n = i + 1
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new AppError('JOURNAL_CORRUPT', `${path} line ${n} is not JSON: ${JSON.stringify(text.slice(0, 120))}. The journal cannot be trusted; inspect or remove the job folder and run the job again`)
    }
    const parsed = journalLineSchema.safeParse(json)
    if (!parsed.success)
      throw new AppError('JOURNAL_CORRUPT', `${path} line ${n} is not a journal line (${parsed.error.issues.map((e) => `${e.path.join('.') || 'line'}: ${e.message}`).join('; ')})`)
    const line = parsed.data
    if (n === 1 && line.type !== 'header') throw new AppError('JOURNAL_CORRUPT', `${path} does not start with a journal header`)
    switch (line.type) {
      case 'header':
        if (n !== 1) throw new AppError('JOURNAL_CORRUPT', `${path} line ${n}: a second header (two journals concatenated?)`)
        if (line.jobId !== expect.jobId)
          throw new AppError('JOURNAL_FOREIGN', `${path} belongs to job ${line.jobId}, not ${expect.jobId}: refusing to resume from another job's journal`)
        if (line.configHash !== expect.configHash)
          throw new AppError('JOURNAL_FOREIGN', `${path} was written for another configuration (hash ${line.configHash.slice(0, 12)}…, this job's is ${expect.configHash.slice(0, 12)}…)`)
        header = line
        return
      case 'session':
        sessions.push({ at: line.at, activeMs: 0, resumed: line.resumed, synced: 0, failed: 0, bytes: 0 })
        sessionStart = Date.parse(line.at)
        return
      case 'result': {
        const { type: _t, key, at, ...result } = line
        results.set(result.id, result)
        keys?.set(result.id, key)
        const current = sessions.at(-1)
        if (current) {
          current.activeMs = Math.max(0, Date.parse(at) - sessionStart)
          if (result.outcome === 'synced') {
            current.synced++
            current.bytes += result.bytes
          } else if (result.outcome === 'failed') current.failed++
        }
        return
      }
      case 'verify': {
        const { type: _t, at: _a, ...outcome } = line
        verified.set(outcome.id, outcome)
        return
      }
    }
  })
  if (!header) throw new AppError('JOURNAL_CORRUPT', `${path} has no header line`)
  return { header, results, verified, sessions, validBytes: end, tornTail, ...(keys ? { keys } : {}) }
}
