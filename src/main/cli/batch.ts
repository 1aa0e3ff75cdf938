// `archive-sync batch submit|status|import|confirm|cancel`: a job run by S3 Batch Operations
// instead of this machine. submit plans the job and hands it over (--dry-run prints the CreateJob
// input and sends nothing); status follows it with DescribeJob on the usual progress line; import
// reads its completion report into the job's results, verifies what landed and writes the report.
// The job lives in the data folder between the commands: each can run in another process.
import { AppError, type JobEvent } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { jobLabel } from '../../shared/plan'
import { defaultDataDir } from '../app'
import { requestJobStatus } from '../batch-ops/job-status'
import { plannedSubmission } from '../batch-ops/submit'
import { findBatchJob, locateBatchJob, submitBatchJob } from '../batch-ops/submit-job'
import { watchProgress } from '../batch-ops/watch-progress'
import { newJobId } from '../jobs/job-store'
import { hashConfig } from '../jobs/journal'
import { readPlan } from '../jobs/plan-store'
import { planConfig } from '../plan/make-plan'
import { CliExit, loadConfig } from './load-config'
import { terminalPrinter } from './progress'
import { followJob } from './run'

export interface BatchArgs {
  config?: string
  json?: boolean
  dataDir?: string
  dryRun?: boolean
  once?: boolean
}

const SUBCOMMANDS = ['submit', 'status', 'import', 'confirm', 'cancel'] as const

async function batchConfig(path: string | undefined): Promise<JobConfig> {
  const config = await loadConfig(path)
  if (config.operation_mode !== 'batch_operations')
    throw new CliExit(2, `CE002 operation_mode: "batch" commands run jobs with operation_mode "batch_operations", not "${config.operation_mode}". Fix: set operation_mode to batch_operations and batch_operations { account_id, role_arn, report_bucket }.`)
  return config
}

const stderrLog = (level: string, message: string) => process.stderr.write(`${level.toUpperCase()} ${message}\n`)

/** Refusals with a code (a job not found, a corrupt batch.json, a held lock) exit 2 with it. */
async function coded<T>(f: () => Promise<T>): Promise<T> {
  return f().catch((err: unknown) => {
    throw err instanceof AppError ? new CliExit(2, `${err.code}: ${err.message}`) : err
  })
}

async function submit(args: BatchArgs, dataDir: string): Promise<number> {
  const config = await batchConfig(args.config)
  if (args.dryRun) {
    // A job of this configuration already handed over: its own plan, id and token, exactly what a retried submit sends.
    const open = await findBatchJob(dataDir, hashConfig(config))
    const plan = open ? await readPlan(open.dir, { jobId: open.jobId, configHash: open.state.configHash }) : await planConfig(config)
    const jobId = open?.jobId ?? newJobId()
    const s = plannedSubmission(config, jobId, jobLabel(config), plan.tasks.filter((t) => !t.skip))
    process.stdout.write(`${JSON.stringify(s.input, null, 2)}\n`)
    process.stderr.write(
      `Dry run: nothing uploaded or sent. Manifest: ${s.objects} objects to s3://${config.batch_operations!.report_bucket}/${s.input.Manifest?.Location?.ObjectArn?.split(':::')[1]?.split('/').slice(1).join('/')}, ETag = MD5 of the manifest as S3 computes it for a single PUT without SSE-KMS${s.partCopy.length ? `; ${s.partCopy.length} objects over 5 GB go to the SDK's part copy` : ''}. ${open ? `This is job ${jobId}'s request (${open.state.s3JobId ? `already created as ${open.state.s3JobId}` : open.state.phase}): a submit resends it with the same token.` : `The job id ${jobId} is not reserved: a real submit makes its own (and its token).`}\n`,
    )
    return 0
  }
  const r = await coded(() => submitBatchJob(dataDir, config, stderrLog))
  const line = { type: 'batch-submitted', jobId: r.jobId, s3JobId: r.state.s3JobId ?? null, existing: r.existing, phase: r.state.phase, manifestObjects: r.state.manifest.objects, partCopyObjects: r.state.sdkTaskIds.length, dataDir }
  if (args.json) process.stdout.write(`${JSON.stringify(line)}\n`)
  else
    process.stderr.write(
      `${r.existing ? 'Already submitted: ' : ''}Job ${r.jobId} → S3 Batch Operations job ${r.state.s3JobId ?? '(none: nothing for Batch Operations to copy)'}; follow it with: archive-sync batch status --config ${args.config}\n`,
    )
  return 0
}

async function status(args: BatchArgs, dataDir: string, jobId: string | undefined): Promise<number> {
  const config = args.config ? await batchConfig(args.config) : undefined
  const found = await coded(() => locateBatchJob(dataDir, jobId, config))
  const draw = terminalPrinter(process.stderr)
  const onEvent = (e: JobEvent) => (args.json ? process.stdout.write(`${JSON.stringify(e)}\n`) : draw(e))
  const ac = new AbortController()
  const stop = () => ac.abort()
  process.once('SIGINT', stop)
  try {
    const end = await watchProgress({ config, ...found, signal: ac.signal, once: args.once, onEvent })
    const p = end.progress
    const line = `S3 Batch Operations job ${end.s3JobId ?? '-'}: ${end.status ?? end.phase}${p ? `, ${p.succeeded} succeeded, ${p.failed} failed of ${p.total}` : ''}`
    if (args.json) process.stdout.write(`${JSON.stringify({ type: 'batch-status', jobId: found.jobId, s3JobId: end.s3JobId ?? null, status: end.status ?? null, phase: end.phase, progress: p ?? null })}\n`)
    else process.stderr.write(`\n${line}${end.status === 'Complete' || end.status === 'Failed' || end.status === 'Cancelled' ? `\nImport the results with: archive-sync batch import ${found.jobId}` : ''}\n`)
    return 0
  } catch (err) {
    if (ac.signal.aborted) return 130
    throw err
  } finally {
    process.off('SIGINT', stop)
  }
}

export async function batchCommand(sub: string | undefined, jobId: string | undefined, args: BatchArgs): Promise<number> {
  if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) throw new CliExit(2, `Usage: archive-sync batch ${SUBCOMMANDS.join('|')} --config job.json (or a job id)`)
  const dataDir = args.dataDir ?? defaultDataDir()
  switch (sub) {
    case 'submit':
      return submit(args, dataDir)
    case 'status':
      return status(args, dataDir, jobId)
    case 'import': {
      const config = args.config ? await batchConfig(args.config) : undefined
      const found = await coded(() => locateBatchJob(dataDir, jobId, config))
      // The job's resume: its plan and journal as persisted, the Batch Operations job from batch.json.
      return followJob({ ...args, dataDir }, (app) => app.services.jobs.resume(found.jobId, { config }))
    }
    default: {
      const config = await batchConfig(args.config)
      const found = await coded(() => locateBatchJob(dataDir, jobId, config))
      const s = await requestJobStatus(config, found.dir, found.state, sub === 'confirm' ? 'Ready' : 'Cancelled', `archive-sync batch ${sub}`)
      process.stderr.write(`S3 Batch Operations job ${s.s3JobId}: ${s.status}\n`)
      return 0
    }
  }
}
