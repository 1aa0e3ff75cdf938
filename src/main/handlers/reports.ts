// reports:* — a finished job's report as a file to save (the page downloads it; main writes nothing).
import { exportReport } from '../report-export/export-report'
import type { DomainHandlers, Services } from './types'

export function reportsHandlers(s: Services): DomainHandlers<'reports'> {
  return {
    'reports:export': async ({ jobId, format }) => exportReport(await s.jobs.report(jobId), format),
  }
}
