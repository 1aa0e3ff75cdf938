// Owns every job of this process: starts and resumes them, fans their events out, pauses and
// cancels them. Past jobs are read back through job-store.ts.
import { setMaxListeners } from 'node:events'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, type JobEvent, type JobState, type JobSummary, type Report, type Snapshot } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import type { Throughput } from '../../shared/estimate'
import { jobLabel } from '../../shared/plan'
import { redactText } from '../../shared/redact'
import type { S5cmdLocation } from '../engines/s5cmd/locate'
import type { PlanWithStats } from '../plan/make-plan'
import { lockDestination, lockJobFolder, type HeldLock } from './job-lock'
import { checkResumeCredentials } from './resume-credentials'
import { createJobFolder, jobFolder, jobsFolder, listJobIds, readJobMeta, readPastJob, resumeConfig } from './job-store'
import { hashConfig, readJournal } from './journal'
import { readPlan } from './plan-store'
import { JOURNAL_FILE, type ResumedJob } from './prepare-job'
import { PauseGate } from './pause-gate'
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
    private readonly s5cmd: (config: JobConfig) => Promise<S5cmdLocation>,
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

  /** `plan` is awaited in the job's planning state (a previewed plan, or one listing); default: a fresh listing. */
  async start(config: JobConfig, opts: { plan?: () => Promise<PlanWithStats> } = {}): Promise<{ jobId: string; done: Promise<Report | null> }> {
    const label = jobLabel(config)
    const { jobId, createdAt, dir } = await createJobFolder(this.dataDir, label, config)
    const locks = await this.lock(jobId, dir, config).catch(async (err: unknown) => {
      // Refused before anything ran: the new folder would only be an empty job in the list.
      await rm(dir, { recursive: true, force: true })
      throw err
    })
    return this.launch({ jobId, createdAt, label, dir, config, plan: opts.plan, locks })
  }

  /**
   * Continues an interrupted (killed, cancelled, failed) job from its persisted plan and journal:
   * finished tasks are kept, the rest are done. `config`, when given, must define the same job
   * (credentials may differ); without it the saved config runs with `credentials`, else its stored
   * profile, else the default chain — refused (RESUME_CREDENTIALS) when its keys were in the job file
   * and nothing replaces them. Another process on the job or its destination: JOB_LOCKED / DESTINATION_LOCKED.
   */
  async resume(jobId: string, opts: { config?: JobConfig; credentials?: Partial<JobConfig['s3_config']> } = {}): Promise<{ jobId: string; done: Promise<Report | null> }> {
    const live = this.jobs.get(jobId)
    if (live && !['completed', 'failed', 'cancelled'].includes(live.state)) throw new AppError('JOB_RUNNING', `Job ${jobId} is ${live.state}; cancel it before resuming`)
    const dir = jobFolder(this.dataDir, jobId)
    const meta = await readJobMeta(dir, jobId)
    const config = resumeConfig(jobId, meta.config, opts.config, opts.credentials)
    const locks = await this.lock(jobId, dir, config)
    let resumed: ResumedJob
    try {
      // Refuse here, before it runs, what the run would refuse: another job's journal, a corrupt
      // line, no plan; then credentials, resolved before any request. Read once: the run
      // continues from exactly what was checked here.
      const expect = { jobId, configHash: hashConfig(config) }
      // No plan: the job stopped while listing it (its copies were journaled meanwhile). It is
      // planned again, and the journal's keys say whether each result is still its task's.
      const plan = await readPlan(dir, expect).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'PLAN_MISSING') return undefined
        throw err
      })
      resumed = { plan, prior: await readJournal(join(dir, JOURNAL_FILE), expect, { keys: !plan }) }
      await checkResumeCredentials(jobId, meta.config, config)
    } catch (err) {
      await Promise.all(locks.map((l) => l.release()))
      throw err
    }
    return this.launch({ jobId, createdAt: meta.createdAt, label: meta.label, dir, config, resumed, locks })
  }

  /** The job folder's lock, then its destination's: held until the job ends, in this process or another. */
  private async lock(jobId: string, dir: string, config: JobConfig): Promise<HeldLock[]> {
    const folder = await lockJobFolder(dir, jobId)
    try {
      return [folder, await lockDestination(this.dataDir, config, hashConfig(config), jobId)]
    } catch (err) {
      await folder.release()
      throw err
    }
  }

  private async launch(j: { jobId: string; createdAt: string; label: string; dir: string; config: JobConfig; plan?: () => Promise<PlanWithStats>; resumed?: ResumedJob; locks: HeldLock[] }): Promise<{ jobId: string; done: Promise<Report | null> }> {
    const { jobId, dir, config } = j
    const release = () => Promise.all(j.locks.map((l) => l.release()))
    const abort = new AbortController()
    // Every request in flight listens on the job's signal: max_concurrent of them at once.
    setMaxListeners(0, abort.signal)
    const gate = new PauseGate()
    const job: LiveJob = { jobId, label: j.label, createdAt: j.createdAt, state: 'planning', snapshot: null, report: null, abort, gate, done: Promise.resolve(null) }
    this.jobs.set(jobId, job)
    // Not awaited: `s5cmd version` runs while the job lists its plan.
    const s5cmd = this.s5cmd(config)
    // Log and state lines leave main (IPC, WebSocket, terminal): none may carry this job's keys.
    const redact = redactText([config.s3_config.access_key_id, config.s3_config.secret_access_key, config.s3_config.session_token])
    const emit = (e: JobEvent): void => this.emit((e.type === 'log' || e.type === 'state') && e.message ? { ...e, message: redact(e.message) } : e)
    // The locks go before `done` settles: whoever awaits the job may start the next one at once.
    const ran = runJob({ jobId, config, dir, signal: abort.signal, emit, s5cmd, snapshotMs: this.snapshotMs, plan: j.plan, resumed: j.resumed, gate }).finally(release)
    job.done = ran.then(
      (report) => (job.report = report),
      (err: unknown) => {
        const message = abort.signal.aborted ? 'cancelled' : err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err)
        job.error = err
        emit({ type: 'log', jobId, level: 'error', message })
        emit({ type: 'state', jobId, state: abort.signal.aborted ? 'cancelled' : 'failed', message })
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
    if (!job) throw new AppError('JOB_NOT_FOUND', `No running job ${jobId} in this session; past jobs are under ${jobsFolder(this.dataDir)}`)
    return job
  }

  async status(jobId: string): Promise<JobSummary> {
    const job = this.jobs.get(jobId)
    // The final state event goes out as the report lands on disk, a moment before `done` resolves.
    if (job && !job.report && ['completed', 'failed', 'cancelled'].includes(job.state)) job.report = (await readPastJob(this.dataDir, jobId))?.report ?? null
    if (job) return { jobId, state: job.state, createdAt: job.createdAt, label: job.label, snapshot: job.snapshot, report: job.report }
    const past = await readPastJob(this.dataDir, jobId)
    if (!past) throw new AppError('JOB_NOT_FOUND', `No job ${jobId} in ${jobsFolder(this.dataDir)}`)
    return past
  }

  async report(jobId: string): Promise<Report> {
    const s = await this.status(jobId)
    if (!s.report) throw new AppError('REPORT_NOT_READY', `Job ${jobId} is ${s.state}; its report is written when it ends`)
    return s.report
  }

  async list(): Promise<JobSummary[]> {
    const ids = await listJobIds(this.dataDir)
    const all = await Promise.all([...new Set([...ids, ...this.jobs.keys()])].map((id) => this.status(id).catch(() => undefined)))
    return all.filter((j): j is JobSummary => j !== undefined).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
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
