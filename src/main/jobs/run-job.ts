// One job from plan to report: plan (or the persisted plan, on resume) → route → engine →
// aggregator + journal → verification → report. A resume redoes only what no session finished.
import { setMaxListeners } from 'node:events'
import { dirname } from 'node:path'
import type { JobEvent, Report } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { buildReport } from '../../shared/report'
import { acrossSessions, earlierSessions, sessionFigures } from '../../shared/report-sessions'
import { jobLabel } from '../../shared/plan'
import type { BatchEngine, batchRoute } from '../batch-ops/engine'
import { routeJob } from '../engines/route/route-job'
import { isUsable, type S5cmdLocation } from '../engines/s5cmd/locate'
import { TraditionalTally } from '../engines/measured'
import { destinationEndpoint, sourceEndpoint } from '../s3/clients'
import { findTraditionalBaseline } from './baseline'
import type { PauseGate } from './pause-gate'
import { ProgressAggregator } from './aggregator'
import { deleteExtraneous } from './delete-extraneous'
import { jobProof } from './job-proof'
import { JobLedger } from './ledger'
import { hashConfig } from './journal'
import { planIntake } from './plan-intake'
import { prepareJob, type ResumedJob } from './prepare-job'
import type { PlanWithStats } from '../plan/make-plan'
import type { CopyResult, TransferEngine } from '../engines/types'
import { readReport, writeReport } from './report-store'

export interface JobRun {
  jobId: string
  config: JobConfig
  dir: string
  signal: AbortSignal
  emit(e: JobEvent): void
  /** Looked up (`s5cmd version`) while the plan is listed: the route is the first to need it. */
  s5cmd: Promise<S5cmdLocation>
  snapshotMs?: number
  /** The plan to copy (a previewed one); default: one listing in the planning state. */
  plan?: () => Promise<PlanWithStats>
  /** Continue from the persisted plan and journal (read by the resume) instead of planning afresh. */
  resumed?: ResumedJob
  /** Held while the job is paused: engines take no new work. */
  gate?: PauseGate
}

/** Local disk full is not a per-object problem: every further download would fail the same way. */
const DISK_FULL = /ENOSPC|no space left/i

export async function runJob(run: JobRun): Promise<Report> {
  const { jobId, config, emit } = run
  const startedAt = new Date()
  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => emit({ type: 'log', jobId, level, message })
  emit({ type: 'state', jobId, state: 'planning' })
  // The job's own stop (disk full) joins the caller's cancel.
  const stop = new AbortController()
  const signal = AbortSignal.any([run.signal, stop.signal])
  // Every request in flight listens on it: max_concurrent of them at once.
  setMaxListeners(0, signal)

  const src = sourceEndpoint(config)
  const dst = destinationEndpoint(config)
  // Awaited at the route; a planning failure must not leave its rejection unhandled.
  run.s5cmd.catch(() => undefined)
  // The plan as the job takes it in: whole, or chunk by chunk while its listing goes on.
  const intake = planIntake()
  const { tasks } = intake
  const { plan: planned, journal, prior } = await prepareJob({ ...run, signal, onTasks: intake.onTasks })
  // Awaited below; until then its failure must not count as unhandled.
  planned.catch(() => undefined)
  const ledger = new JobLedger(tasks)
  const agg = new ProgressAggregator(jobId, { objects: 0, bytes: 0 }, emit, run.snapshotMs)
  const reported = new Map<number, { sha256: string; method: 'sha256-stream' | 'sha256-s3' }>()
  const copied = new Map<number, string>()
  const proof = jobProof({ config, ledger, tasks, journal, reported, copied, signal, log })

  // What the traditional cycle would have cost for what this session synced (the report's measured figures).
  const tally = new TraditionalTally(config)
  let sessionBytes = 0
  let sessionSynced = 0
  let sessionFailed = 0
  let diskFull: string | undefined
  const record = ({ etag, ...r }: CopyResult) => {
    ledger.record(r)
    if (r.outcome === 'failed') sessionFailed++
    if (r.outcome === 'synced') {
      sessionSynced++
      sessionBytes += r.bytes
      tally.add(r.bytes)
      if (r.sha256) reported.set(r.id, { sha256: r.sha256, method: r.engine === 'download' ? 'sha256-stream' : 'sha256-s3' })
      if (etag) copied.set(r.id, etag)
    }
    if (r.outcome === 'failed' && !diskFull && DISK_FULL.test(r.reason ?? '')) {
      diskFull = `local disk full writing under ${config.output_directory}: stopped; free space, then resume the job`
      log('error', diskFull)
      stop.abort()
    }
    agg.record({ ...r, key: tasks[r.id].sourceKey })
    journal.append(r, tasks[r.id].sourceKey)
    proof.landed(r.id)
  }
  intake.attach({
    isDone: (id) => ledger.isDone(id),
    gained: (chunk) => {
      proof.add(chunk)
      agg.planned(chunk.length, chunk.reduce((a, t) => a + t.size, 0))
    },
    skipped: (t) => record({ id: t.id, outcome: 'skipped', bytes: t.size, reason: t.skip }),
    copying: (todo) => proof.copying(todo),
  })
  let copying: Promise<void> = Promise.resolve()
  let plan: PlanWithStats | undefined
  let first: string | undefined
  let s5cmd: S5cmdLocation | undefined
  let batch: Awaited<ReturnType<typeof batchRoute>> | undefined
  let routed: { route: { engine: string; reason: string; fallbacks: string[] }; engine: TransferEngine | BatchEngine } | undefined
  try {
    if (prior) {
      // A resume continues from a complete plan: what earlier sessions did is counted first.
      intake.whole(await planned)
      for (const r of prior.results.values()) ledger.record(r)
      for (const o of prior.verified.values()) ledger.verified(o)
      await journal.session(true)
      await proof.earlier()
      for (const t of tasks) if (ledger.isDone(t.id)) agg.record(ledger.result(t.id)!)
      const done = tasks.filter((t) => ledger.isDone(t.id)).length
      log('info', `Resuming: ${done} of ${tasks.length} objects finished in ${prior.sessions.length} earlier session(s); ${tasks.length - done} to do${prior.tornTail ? ' (a torn last journal line was cut off)' : ''}`)
      intake.handAll()
    } else {
      await journal.session(false)
      intake.stream(planned)
    }

    // A cancel stops the listing too: the job then ends as cancelled with what it had planned (a
    // resume plans again).
    const untilCancelled = <T>(p: Promise<T>) => p.catch((err: unknown) => (run.signal.aborted ? undefined : Promise.reject(err)))
    // The route waits for the first object to copy (its probe reads it), or for a plan with none.
    first = await untilCancelled(intake.first(planned))
    s5cmd = await run.s5cmd
    // A Batch Operations job is S3's: no probe of the archive with our identity (the job's role reads it), and its engine keeps state in the job folder.
    // Loaded only for such a job: S3 Control and IAM are two more SDK clients every other job would load for nothing.
    batch = config.operation_mode === 'batch_operations' ? (await import('../batch-ops/engine')).batchRoute({ config, jobId, label: jobLabel(config), dir: run.dir, configHash: hashConfig(config), source: src, destination: dst }) : undefined
    routed = batch ?? (await routeJob({ config, source: src, destination: dst, s5cmd, firstKey: first, signal }))
    const { route, engine } = routed
    for (const f of route.fallbacks) log('warn', f)
    log('info', `Engine: ${route.engine} (${route.reason})`)
    agg.engine = engine.name
    agg.start()
    emit({ type: 'state', jobId, state: 'running' })
    if (first !== undefined) copying = engine.run(intake.feed, { signal, onResult: record, onStart: (ids) => agg.started(ids), log, waitIfPaused: run.gate?.wait, wildcards: intake.runs, onProgress: (p) => agg.remoteProgress(p) })
    plan = await untilCancelled(planned)
    intake.feed.end()
    if (plan) {
      if (tasks.length !== plan.tasks.length) throw new Error(`internal: the job was handed ${tasks.length} of the plan's ${plan.tasks.length} tasks`)
      const s = plan.summary
      log('info', `Plan: ${s.objects} objects (${s.bytes} bytes), ${s.toCopy} to copy, ${s.alreadyThere} already there, ${s.missing} missing from the archive; ${plan.listRequests} list requests`)
    }
    await copying
    // Cancelled or stopped: what landed unproved is verified by the resume.
    await proof.finish()
  } finally {
    // Stopped before the plan was whole (a listing failed, the route refused): the listing stops,
    // the engine sees the end of its feed and gives every task it holds its result.
    if (!plan && !run.signal.aborted) stop.abort()
    intake.feed.end()
    await copying.catch(() => undefined)
    proof.close()
    agg.stop()
    await journal.close()
  }
  const { route, engine } = routed!
  // Cancelled while listing: the report counts what was planned by then.
  const totals = plan ? { objects: plan.summary.objects, bytes: plan.summary.bytes } : { objects: tasks.length, bytes: tasks.reduce((a, t) => a + t.size, 0) }
  const extraneous = plan?.extraneousKeys ?? []

  let deleted = 0
  if (extraneous.length > 0) {
    if (config.delete_extraneous && !signal.aborted && !config.output_directory) {
      const r = await deleteExtraneous(dst, extraneous, signal)
      deleted = r.deleted
      log(r.errors.length ? 'warn' : 'info', `Deleted ${r.deleted} destination objects the archive no longer has${r.errors.length ? `; ${r.errors.length} could not be deleted: ${r.errors.slice(0, 3).join('; ')}` : ''}`)
    } else log('info', `${extraneous.length} destination objects are no longer in the archive; set delete_extraneous to remove them`)
  }

  const c = ledger.counts()
  const status = run.signal.aborted ? 'cancelled' : c.failed > 0 || diskFull ? 'failed' : 'completed'
  const finishedAt = new Date()
  // Timing covers the active time of every session, not the gaps between a crash and its resume.
  const activeMs = (prior?.sessions ?? []).reduce((a, x) => a + x.activeMs, 0) + (finishedAt.getTime() - startedAt.getTime())
  // A resume with nothing left to do routes no object: its route decision is no fallback.
  const fallbacks = first !== undefined ? [...route.fallbacks, ...(engine.fallbacks ?? [])] : []
  const fallbackCount = first !== undefined ? route.fallbacks.length + (engine.fallbackCount ?? 0) : 0
  const sessions = [
    // The previous report, if it parses, holds the earlier runs' own figures; a killed run left only journal lines.
    ...(prior ? earlierSessions(await readReport(run.dir).catch(() => null), prior.sessions) : []),
    sessionFigures({ startedAt, finishedAt, resumed: Boolean(prior), synced: sessionSynced, failed: sessionFailed, bytes: sessionBytes, batches: engine.batches ?? [], fallbacks, fallbackCount, measured: tally.measured(engine, sessionBytes) }),
  ]
  const whole = acrossSessions(sessions)
  const built = buildReport({
    jobId,
    status,
    startedAt: new Date(finishedAt.getTime() - activeMs),
    finishedAt,
    planned: totals,
    synced: c.synced,
    skipped: c.skipped,
    failed: c.failed,
    deleted,
    bytesTransferred: c.bytes,
    engines: c.engines,
    s5cmd: { available: isUsable(s5cmd!), version: s5cmd!.found ? s5cmd!.version : null },
    batches: engine.batches ?? [],
    fallbacks: whole.fallbacks,
    fallbackCount: whole.fallbackCount,
    errorsByClass: c.errorsByClass,
    failures: c.failures,
    // maxRSS is in kilobytes; it is the whole process's peak, engines included.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    measured: whole.measured,
    // run.dir is <data>/jobs/<id>: past jobs are its siblings.
    baseline: await findTraditionalBaseline(dirname(run.dir), jobId, config),
  })
  const report: Report = {
    ...built,
    // buildReport counts this session's batches; the whole job's are every session's.
    batch_count: whole.batch_count,
    average_batch_size: whole.average_batch_size,
    ...(prior?.sessions[0] ? { started_at: prior.sessions[0].at } : {}),
    ...ledger.verification(config.verify),
    ...(batch?.engine.batchReport() ? { batch_operations: batch.engine.batchReport() } : {}),
    sessions: sessions.length,
    per_session: sessions,
  }
  await writeReport(run.dir, report)
  const message = diskFull ?? (status === 'failed' ? `${c.failed} of ${totals.objects} objects failed` : undefined)
  emit({ type: 'state', jobId, state: status, message })
  return report
}
