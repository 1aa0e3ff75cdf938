// operation_mode batch_operations as an engine of the usual job: submit (or find) the S3 Batch
// Operations job, watch it, import its completion report as per-task results, and copy the
// objects over 5 GB with the SDK's part copy. The job runner then verifies and reports as for any
// engine. Killed or closed while S3 works, the job resumes from batch.json: no second submit.
import type { BatchReport, Engine } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { batchCost } from '../../shared/estimate'
import { createSdkEngine } from '../engines/sdk-copy'
import { allTasks } from '../engines/task-feed'
import type { CopyTask, Endpoint, EngineContext, TransferEngine } from '../engines/types'
import { makeS3Client } from '../s3/clients'
import { makeS3ControlClient } from '../s3/control-clients'
import { TERMINAL_STATUSES, updateBatchState, type BatchState } from './batch-store'
import { importCompletionReport } from './import-report'
import { addLandedChecksums } from './landed-checksums'
import { ensureSubmitted } from './submit'
import { watchBatchJob } from './watch'

export interface BatchEngineOptions {
  config: JobConfig
  jobId: string
  label: string
  dir: string
  configHash: string
  source: Endpoint
  destination: Endpoint
  /** Largest object handed to Batch Operations (default 5 GiB); larger ones take the SDK's part copy. */
  copyLimit?: number
}

export interface BatchEngine extends TransferEngine {
  /** What the Batch Operations job did and cost, once it ran (the report's batch_operations). */
  batchReport(): BatchReport | undefined
}

export function createBatchEngine(o: BatchEngineOptions): BatchEngine {
  const { config } = o
  const b = config.batch_operations!
  const p = config.performance_optimization
  // Made only when objects over the limit exist: its clients are closed by its own run.
  let sdk: ReturnType<typeof createSdkEngine> | undefined
  const partCopy = () => (sdk ??= createSdkEngine({ source: o.source, destination: o.destination, concurrency: p.max_concurrent, retryCount: p.retry_count, partSizeMb: p.part_size_mb, outagePatienceMs: p.outage_patience_seconds * 1000, mode: 'copy' }))
  let final: BatchState | undefined
  let location: string | null = null
  const name: Engine = 'batch-operations'

  async function watchAndImport(state: BatchState, tasks: readonly CopyTask[], ctx: EngineContext): Promise<BatchState> {
    const control = makeS3ControlClient(config)
    let status = state.status
    try {
      if (!TERMINAL_STATUSES.has(state.status ?? ''))
        state = await watchBatchJob({
          client: control,
          dir: o.dir,
          state,
          signal: ctx.signal,
          onRetry: (m) => ctx.log('warn', m),
          onStatus: (s) => {
            ctx.onProgress?.({ succeeded: s.progress.succeeded, failed: s.progress.failed })
            if (s.status !== status) ctx.log(s.status === 'Suspended' ? 'warn' : 'info', `Batch Operations job ${state.s3JobId}: ${s.status}${s.status === 'Suspended' ? ' (waiting for confirmation: archive-sync batch confirm, or the S3 console)' : ''}${s.reason ? ` (${s.reason})` : ''}`)
            status = s.status
          },
        })
    } finally {
      control.destroy()
    }
    const s3 = makeS3Client({ ...o.destination, bucket: b.report_bucket! })
    try {
      const imported = await importCompletionReport({ client: s3, state, reportBucket: b.report_bucket!, reportPrefix: b.report_prefix, tasks, signal: ctx.signal })
      location = imported.location
      if (imported.unknownRows > 0) ctx.log('warn', `${imported.unknownRows} rows of the completion report name keys this job did not ask for`)
      if (config.verify === 'sha256') {
        const destKeys = new Map(tasks.map((t) => [t.id, t.destKey]))
        const dst = makeS3Client(o.destination)
        try {
          const c = await addLandedChecksums(dst, o.destination.bucket, imported.results, (id) => destKeys.get(id)!, { concurrency: p.max_concurrent, signal: ctx.signal })
          ctx.log('info', `S3's SHA-256 of ${c.found} of ${c.requests} copied zips (HEAD with ChecksumMode), for the .CHECKSUM comparison`)
        } finally {
          dst.destroy()
        }
      }
      // The service's counts step aside for the per-task results they summarised.
      ctx.onProgress?.(undefined)
      for (const r of imported.results) ctx.onResult(r)
      ctx.log('info', `Imported the completion report ${imported.location ?? '(none written)'}: ${imported.results.filter((r) => r.outcome === 'synced').length} copied, ${imported.results.filter((r) => r.outcome === 'failed').length} failed`)
    } finally {
      s3.destroy()
    }
    return updateBatchState(o.dir, state, { phase: 'imported' })
  }

  return {
    name,
    get meter() {
      return sdk?.meter
    },
    async run(input, ctx) {
      // S3 Batch Operations takes one manifest: the whole to-do list, once the plan is complete.
      const tasks = await allTasks(input)
      let state = await ensureSubmitted({ ...o, tasks, signal: ctx.signal, log: ctx.log })
      const large = new Set(state.sdkTaskIds)
      const viaBatch = tasks.filter((t) => !large.has(t.id))
      if (state.s3JobId && viaBatch.length > 0) {
        ctx.onStart?.(viaBatch.map((t) => t.id))
        state = await watchAndImport(state, viaBatch, ctx)
      }
      final = state
      const rest = tasks.filter((t) => large.has(t.id))
      if (rest.length > 0) await partCopy().run(rest, ctx)
    },
    batchReport() {
      if (!final?.s3JobId) return undefined
      const pr = final.progress ?? { total: final.manifest.objects, succeeded: 0, failed: 0 }
      return {
        s3_job_id: final.s3JobId,
        status: final.status ?? 'Unknown',
        tasks_total: pr.total,
        tasks_succeeded: pr.succeeded,
        tasks_failed: pr.failed,
        routed_to_sdk: final.sdkTaskIds.length,
        completion_report: location,
        active_seconds: pr.activeSeconds ?? null,
        cost_usd: batchCost(config.pricing, final.manifest.objects),
      }
    },
  }
}

/** The route of a batch_operations job: no probe, no s5cmd; the engine needs the job's folder. */
export function batchRoute(o: BatchEngineOptions): { route: { engine: Engine; reason: string; fallbacks: string[] }; engine: BatchEngine } {
  const b = o.config.batch_operations!
  return {
    route: { engine: 'batch-operations', reason: `operation_mode is batch_operations: S3 Batch Operations copies the manifest in ${o.config.s3_config.region} as ${b.role_arn}`, fallbacks: [] },
    engine: createBatchEngine(o),
  }
}
