// `archive-sync run --config job.json [--json]`: one job, headless. Exit 0 when every task ended
// synced or skipped, 1 when any failed, 2 for a configuration error, 130 when cancelled (SIGINT/
// SIGTERM cancel the job: in-flight requests stop, the journal is flushed, the job stays resumable).
import { AppError, type JobEvent, type Report } from '../../shared/contract'
import { createApp, type App } from '../app'
import { bindJobKeys } from './keys'
import { CliExit, loadConfig } from './load-config'
import { summary, terminalPrinter } from './progress'

export interface RunArgs {
  config?: string
  json?: boolean
  dataDir?: string
}

export async function runCommand(args: RunArgs): Promise<number> {
  const config = await loadConfig(args.config)
  return followJob(args, (app) => app.services.jobs.start(config))
}

/** Starts (or resumes) a job in a fresh app, prints its events and report, maps the end to an exit code. */
export async function followJob(args: RunArgs, start: (app: App) => Promise<{ jobId: string; done: Promise<Report | null> }>): Promise<number> {
  const app = createApp({ transport: 'websocket', dataDir: args.dataDir })
  // The job's first event can precede start()'s return: announce the job before its first line.
  let announced = ''
  const announce = (jobId: string) => {
    if (announced === jobId) return
    announced = jobId
    if (args.json) process.stdout.write(`${JSON.stringify({ type: 'job', jobId, dataDir: app.dataDir })}\n`)
    else process.stderr.write(`Job ${jobId} (journal and report in ${app.dataDir}/jobs/${jobId})\n`)
  }
  const draw = terminalPrinter(process.stderr)
  const unsubscribe = app.services.jobs.onEvent((e: JobEvent) => {
    announce(e.jobId)
    if (args.json) process.stdout.write(`${JSON.stringify(e)}\n`)
    else draw(e)
  })
  let jobId: string | undefined
  // \`on\`, not \`once\`: execa's signal-exit (the s5cmd engine's child cleanup) re-raises a signal
  // when it finds no other listener left, which killed the process before the cancel could finish.
  // A second signal is the user insisting: stop now (the journal already holds what finished).
  let signals = 0
  const onSignal = () => {
    if (++signals > 1) process.exit(130)
    if (jobId) app.services.jobs.cancel(jobId)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const unbindKeys = args.json ? () => undefined : bindJobKeys(app.services.jobs, () => jobId, process.stderr)
  try {
    const started = await start(app).catch((err: unknown) => {
      // Refusals (another job's journal, a changed config) are the user's input: exit 2 with the code.
      if (err instanceof AppError) throw new CliExit(2, `${err.code}: ${err.message}`)
      throw err
    })
    jobId = started.jobId
    announce(jobId)
    // A signal that came while the job was being prepared cancels it now.
    if (signals > 0) app.services.jobs.cancel(jobId)
    const report = await started.done
    if (!report) {
      const err = app.services.jobs.errorOf(jobId)
      if (err instanceof AppError) process.stderr.write(`${err.code}: ${err.message}\n`)
      return 1
    }
    if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`)
    else {
      process.stderr.write(`\n${summary(report)}\n`)
      if (report.status !== 'completed') process.stderr.write(`Resume with: archive-sync resume ${jobId}${args.dataDir ? ` --data-dir ${args.dataDir}` : ''}\n`)
    }
    return report.status === 'completed' ? 0 : report.status === 'cancelled' ? 130 : 1
  } finally {
    unbindKeys()
    unsubscribe()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await app.close()
  }
}
