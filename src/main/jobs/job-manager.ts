// Owns every job of this process: starts them, fans their events out, cancels them, and reads
// past jobs back from the data folder. Each job's folder holds job.json, journal.ndjson, report.json.
import { randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, reportSchema, type JobEvent, type JobState, type JobSummary, type Report, type Snapshot } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import type { Throughput } from '../../shared/estimate'
import { jobLabel } from '../../shared/plan'
import type { S5cmdStatus } from '../engines/router'
import { diffConfigs, jobIdentity, jobMetaSchema, type JobMeta } from '../../shared/journal'
import { hashConfig } from './journal'
import { readJournal } from './journal-reader'
import { readPlan } from './plan-store'
import { JOURNAL_FILE } from './prepare-job'
import { PauseGate } from './pause-gate'
import { redactConfig } from './redact'
import { runJob } from './run-job'

interface LiveJob {
  jobId: string
  label: string
  createdAt: string
  state: JobState
  snapshot: Snapshot | null
  report: Report | null
  abort: AbortController
  gate: PauseGate
  done: Promise<Report | null>
  error?: unknown
}

export class JobManager {
  private readonly jobs = new Map<string, LiveJob>()
  private readonly listeners = new Set<(e: JobEvent) => void>()

  constructor(
    private readonly dataDir: string,
    private readonly s5cmd: (config: JobConfig) => Promise<S5cmdStatus>,
    private readonly snapshotMs = 1000,
  ) {}

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit = (e: JobEvent): void => {
    const job = this.jobs.get(e.jobId)
    if (job && e.type === 'state') job.state = e.state
    if (job && e.type === 'snapshot') job.snapshot = e.snapshot
    for (const l of this.listeners) l(e)
  }

  async start(config: JobConfig): Promise<{ jobId: string; done: Promise<Report | null> }> {
    const createdAt = new Date().toISOString()
    const jobId = `${createdAt.slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(3).toString('hex')}`
    const dir = join(this.dataDir, 'jobs', jobId)
    await mkdir(dir, { recursive: true })
    const label = jobLabel(config)
    await writeFile(join(dir, 'job.json'), JSON.stringify({ schemaVersion: 1, jobId, createdAt, label, config: redactConfig(config) }, null, 2))
    return this.launch({ jobId, createdAt, label, dir, config, resume: false })
  }

  /**
   * Continues an interrupted (killed, cancelled, failed) job from its persisted plan and journal:
   * finished tasks are kept, the rest are done. `config`, when given, must define the same job
   * (credentials may differ); without it the saved config runs with `credentials` (or the default chain).
   */
  async resume(jobId: string, opts: { config?: JobConfig; credentials?: Partial<JobConfig['s3_config']> } = {}): Promise<{ jobId: string; done: Promise<Report | null> }> {
    const live = this.jobs.get(jobId)
    if (live && !['completed', 'failed', 'cancelled'].includes(live.state)) throw new AppError('JOB_RUNNING', `Job ${jobId} is ${live.state}; cancel it before resuming`)
    const dir = join(this.dataDir, 'jobs', jobId)
    const meta = await readJobMeta(dir, jobId)
    const saved = meta.config as unknown as JobConfig
    let config: JobConfig
    if (opts.config) {
      const diff = diffConfigs(jobIdentity(saved as unknown as Record<string, unknown>), jobIdentity(redactConfig(opts.config) as unknown as Record<string, unknown>))
      // `selection` is derived from markets/symbols/...: shown only if nothing else explains the change.
      const shown = diff.filter((d) => !d.startsWith('selection')).length > 0 ? diff.filter((d) => !d.startsWith('selection')) : diff
      if (diff.length > 0)
        throw new AppError('RESUME_CONFIG_CHANGED', `The configuration changed since job ${jobId} ran; resume refused (start a new job for a new configuration). Differences:\n${shown.map((d) => `  ${d}`).join('\n')}`)
      config = opts.config
    } else {
      // The saved config holds masked keys: never use them; the caller's credentials or the default chain instead.
      const { access_key_id: _a, secret_access_key: _s, session_token: _t, profile: _p, ...s3 } = saved.s3_config
      config = { ...saved, s3_config: { ...s3, ...opts.credentials } }
    }
    // Refuse here, synchronously, what the run would refuse: another job's journal, a corrupt line, no plan.
    const expect = { jobId, configHash: hashConfig(config) }
    await readPlan(dir, expect)
    await readJournal(join(dir, JOURNAL_FILE), expect)
    return this.launch({ jobId, createdAt: meta.createdAt, label: meta.label, dir, config, resume: true })
  }

  private async launch(j: { jobId: string; createdAt: string; label: string; dir: string; config: JobConfig; resume: boolean }): Promise<{ jobId: string; done: Promise<Report | null> }> {
    const { jobId, dir, config } = j
    const abort = new AbortController()
    // Every request in flight listens on the job's signal: max_concurrent of them at once.
    setMaxListeners(0, abort.signal)
    const gate = new PauseGate()
    const job: LiveJob = { jobId, label: j.label, createdAt: j.createdAt, state: 'planning', snapshot: null, report: null, abort, gate, done: Promise.resolve(null) }
    this.jobs.set(jobId, job)
    const s5cmd = await this.s5cmd(config)
    job.done = runJob({ jobId, config, dir, signal: abort.signal, emit: this.emit, s5cmd, snapshotMs: this.snapshotMs, resume: j.resume, gate }).then(
      (report) => (job.report = report),
      (err: unknown) => {
        const message = abort.signal.aborted ? 'cancelled' : err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err)
        job.error = err
        this.emit({ type: 'log', jobId, level: 'error', message })
        this.emit({ type: 'state', jobId, state: abort.signal.aborted ? 'cancelled' : 'failed', message })
        return null
      },
    )
    return { jobId, done: job.done }
  }

  /** Why a job ended without a report (a resume refused by its journal, a listing failure). */
  errorOf(jobId: string): unknown {
    return this.jobs.get(jobId)?.error
  }

  cancel(jobId: string): void {
    const job = this.mustGet(jobId)
    if (job.state === 'planning' || job.state === 'running' || job.state === 'paused') {
      this.emit({ type: 'state', jobId, state: 'cancelling' })
      job.abort.abort()
      // Held workers must wake to see the cancel and report their tasks.
      job.gate.resume()
    }
  }

  /** Stops dispatching new work; in-flight copies finish. Only a running job pauses. */
  pause(jobId: string): void {
    const job = this.mustGet(jobId)
    if (job.state !== 'running') throw new AppError('JOB_NOT_RUNNING', `Job ${jobId} is ${job.state}; only a running job can be paused`)
    job.gate.pause()
    this.emit({ type: 'state', jobId, state: 'paused' })
  }

  continue(jobId: string): void {
    const job = this.mustGet(jobId)
    if (job.state !== 'paused') throw new AppError('JOB_NOT_PAUSED', `Job ${jobId} is ${job.state}, not paused`)
    this.emit({ type: 'state', jobId, state: 'running' })
    job.gate.resume()
  }

  private mustGet(jobId: string): LiveJob {
    const job = this.jobs.get(jobId)
    if (!job) throw new AppError('JOB_NOT_FOUND', `No running job ${jobId} in this session; past jobs are under ${join(this.dataDir, 'jobs')}`)
    return job
  }

  async status(jobId: string): Promise<JobSummary> {
    const job = this.jobs.get(jobId)
    // The final state event goes out as the report lands on disk, a moment before `done` resolves.
    if (job && !job.report && ['completed', 'failed', 'cancelled'].includes(job.state)) job.report = (await this.readPast(jobId))?.report ?? null
    if (job) return { jobId, state: job.state, createdAt: job.createdAt, label: job.label, snapshot: job.snapshot, report: job.report }
    const past = await this.readPast(jobId)
    if (!past) throw new AppError('JOB_NOT_FOUND', `No job ${jobId} in ${join(this.dataDir, 'jobs')}`)
    return past
  }

  async report(jobId: string): Promise<Report> {
    const s = await this.status(jobId)
    if (!s.report) throw new AppError('REPORT_NOT_READY', `Job ${jobId} is ${s.state}; its report is written when it ends`)
    return s.report
  }

  async list(): Promise<JobSummary[]> {
    const ids = await readdir(join(this.dataDir, 'jobs')).catch(() => [] as string[])
    const all = await Promise.all([...new Set([...ids, ...this.jobs.keys()])].map((id) => this.status(id).catch(() => undefined)))
    return all.filter((j): j is JobSummary => j !== undefined).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  private async readPast(jobId: string): Promise<JobSummary | undefined> {
    const dir = join(this.dataDir, 'jobs', jobId)
    const meta = await readFile(join(dir, 'job.json'), 'utf8').then(JSON.parse, () => undefined)
    if (!meta) return undefined
    const report = await readFile(join(dir, 'report.json'), 'utf8').then((t) => reportSchema.parse(JSON.parse(t)), () => null)
    // A job folder without a report was interrupted: resumable, not running.
    return { jobId, state: report?.status ?? 'failed', createdAt: meta.createdAt, label: meta.label, snapshot: null, report }
  }

  /** Throughput of the newest completed job that copied something, for estimates. */
  async lastThroughput(): Promise<Throughput | undefined> {
    for (const j of await this.list()) {
      const r = j.report
      if (r && r.files_synced > 0 && r.execution_time_seconds > 0)
        return { bytesPerSec: r.bytes_transferred / r.execution_time_seconds, filesPerSec: r.files_synced / r.execution_time_seconds }
    }
    return undefined
  }

  /** Cancels every running job and waits for them: the owner's teardown. */
  async close(): Promise<void> {
    for (const j of this.jobs.values())
      if (j.state === 'planning' || j.state === 'running' || j.state === 'paused') {
        j.abort.abort()
        j.gate.resume()
      }
    await Promise.all([...this.jobs.values()].map((j) => j.done))
  }
}

async function readJobMeta(dir: string, jobId: string): Promise<JobMeta> {
  const text = await readFile(join(dir, 'job.json'), 'utf8').catch(() => {
    throw new AppError('JOB_NOT_FOUND', `No job ${jobId}: ${join(dir, 'job.json')} does not exist`)
  })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError('JOB_CORRUPT', `${join(dir, 'job.json')} is not JSON`)
  }
  const meta = jobMetaSchema.safeParse(json)
  if (!meta.success) throw new AppError('JOB_CORRUPT', `${join(dir, 'job.json')} is not a job file: ${meta.error.issues[0]?.message}`)
  if (meta.data.jobId !== jobId) throw new AppError('JOB_CORRUPT', `${join(dir, 'job.json')} names job ${meta.data.jobId}, not ${jobId}`)
  return meta.data
}
