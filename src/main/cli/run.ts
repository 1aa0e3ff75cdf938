// `archive-sync run --config job.json [--json]`: one job, headless. Exit 0 when every task ended
// synced or skipped, 1 when any failed, 2 for a configuration error.
import type { JobEvent } from '../../shared/contract'
import { createApp } from '../app'
import { loadConfig } from './load-config'
import { summary, terminalPrinter } from './progress'

export interface RunArgs {
  config?: string
  json?: boolean
  dataDir?: string
}

export async function runCommand(args: RunArgs): Promise<number> {
  const config = await loadConfig(args.config)
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
  const { jobId, done } = await app.services.jobs.start(config)
  announce(jobId)
  const onSignal = () => app.services.jobs.cancel(jobId)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const report = await done
    if (!report) return 1
    if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`)
    else process.stderr.write(`\n${summary(report)}\n`)
    return report.status === 'completed' ? 0 : report.status === 'cancelled' ? 130 : 1
  } finally {
    unsubscribe()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await app.close()
  }
}
