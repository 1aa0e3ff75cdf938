// One job from plan to report: plan → route → engine → aggregator + journal → report.
import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ErrorClass, JobEvent, Report, TaskResult } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { buildReport } from '../../shared/report'
import { chooseRoute, type S5cmdStatus } from '../engines/router'
import { createEngine } from '../engines/create-engine'
import { findTraditionalBaseline, TraditionalTally } from '../engines/measured'
import { makeS3Client, destinationEndpoint, sourceEndpoint } from '../s3/clients'
import { makePlan } from '../plan/make-plan'
import { ProgressAggregator } from './aggregator'
import { deleteExtraneous } from './delete-extraneous'
import { Journal, hashConfig } from './journal'

export interface JobRun {
  jobId: string
  config: JobConfig
  dir: string
  signal: AbortSignal
  emit(e: JobEvent): void
  s5cmd: S5cmdStatus
  snapshotMs?: number
}

export async function runJob(run: JobRun): Promise<Report> {
  const { jobId, config, emit, signal } = run
  const startedAt = new Date()
  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => emit({ type: 'log', jobId, level, message })
  emit({ type: 'state', jobId, state: 'planning' })

  const src = sourceEndpoint(config)
  const dst = destinationEndpoint(config)
  const srcClient = makeS3Client(src)
  const dstClient = config.output_directory ? undefined : makeS3Client(dst)
  const plan = await makePlan(config, { source: srcClient, destination: dstClient, signal }).finally(() => {
    srcClient.destroy()
    dstClient?.destroy()
  })
  const s = plan.summary
  log('info', `Plan: ${s.objects} objects (${s.bytes} bytes), ${s.toCopy} to copy, ${s.alreadyThere} already there, ${s.missing} missing from the archive; ${plan.listRequests} list requests`)

  const journal = await Journal.create(join(run.dir, 'journal.ndjson'), { jobId, configHash: hashConfig(config), createdAt: startedAt.toISOString() })
  const agg = new ProgressAggregator(jobId, { objects: s.objects, bytes: s.bytes }, emit, run.snapshotMs)
  const counts = { synced: 0, skipped: 0, failed: 0, bytes: 0 }
  const engines: Record<string, number> = {}
  const errorsByClass: Partial<Record<ErrorClass, number>> = {}
  const failures: Report['failures'] = []
  // What the traditional cycle would have cost for what this run synced (the report's measured figures).
  const tally = new TraditionalTally(config)
  const record = (r: TaskResult) => {
    const t = plan.tasks[r.id]
    counts[r.outcome] += 1
    if (r.outcome === 'synced') {
      counts.bytes += r.bytes
      tally.add(r.bytes)
    }
    if (r.engine && r.outcome === 'synced') engines[r.engine] = (engines[r.engine] ?? 0) + 1
    if (r.outcome === 'failed') {
      const c = r.errorClass ?? 'other'
      errorsByClass[c] = (errorsByClass[c] ?? 0) + 1
      failures.push({ source_key: t.sourceKey, destination_key: t.destKey, error: r.reason ?? 'failed', error_class: c })
    }
    agg.record(r)
    journal.append(r, t.sourceKey)
  }
  for (const t of plan.tasks) if (t.skip) record({ id: t.id, outcome: 'skipped', bytes: t.size, reason: t.skip })

  const route = chooseRoute(config, src, dst, run.s5cmd)
  for (const f of route.fallbacks) log('warn', f)
  log('info', `Engine: ${route.engine} (${route.reason})`)
  const todo = plan.tasks.filter((t) => !t.skip)
  const engine = createEngine(route.engine, config, src, dst, run.s5cmd)
  agg.engine = engine.name
  agg.start()
  emit({ type: 'state', jobId, state: 'running' })
  try {
    if (todo.length > 0) await engine.run(todo, { signal, onResult: record, onStart: (ids) => agg.started(ids), log })
  } finally {
    agg.stop()
    await journal.close()
  }

  let deleted = 0
  if (plan.extraneousKeys.length > 0) {
    if (config.delete_extraneous && !signal.aborted && !config.output_directory) {
      const r = await deleteExtraneous(dst, plan.extraneousKeys, signal)
      deleted = r.deleted
      log(r.errors.length ? 'warn' : 'info', `Deleted ${r.deleted} destination objects the archive no longer has${r.errors.length ? `; ${r.errors.length} could not be deleted: ${r.errors.slice(0, 3).join('; ')}` : ''}`)
    } else log('info', `${plan.extraneousKeys.length} destination objects are no longer in the archive; set delete_extraneous to remove them`)
  }

  const status = signal.aborted ? 'cancelled' : counts.failed > 0 ? 'failed' : 'completed'
  const report = buildReport({
    jobId,
    status,
    startedAt,
    finishedAt: new Date(),
    planned: { objects: s.objects, bytes: s.bytes },
    synced: counts.synced,
    skipped: counts.skipped,
    failed: counts.failed,
    deleted,
    bytesTransferred: counts.bytes,
    engines,
    s5cmd: { available: run.s5cmd.found && run.s5cmd.supported === true, version: run.s5cmd.version ?? null },
    batches: engine.batches ?? [],
    fallbacks: [...route.fallbacks, ...(engine.fallbacks ?? [])],
    fallbackCount: route.fallbacks.length + (engine.fallbackCount ?? 0),
    errorsByClass,
    failures,
    // maxRSS is in kilobytes; it is the whole process's peak, engines included.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    measured: tally.measured(engine, counts.bytes),
    // run.dir is <data>/jobs/<id>: past jobs are its siblings.
    baseline: await findTraditionalBaseline(dirname(run.dir), jobId, config),
  })
  await writeFile(join(run.dir, 'report.json'), JSON.stringify(report, null, 2))
  emit({ type: 'state', jobId, state: status, message: status === 'failed' ? `${counts.failed} of ${s.objects} objects failed` : undefined })
  return report
}
