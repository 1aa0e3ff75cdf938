import type { ExportFormat } from '../../../shared/contract'
import { downloadText } from '../lib/download'
import { useCommand, useCommandMutation } from './use-command'

export function useReport(jobId: string | null, enabled = true) {
  return useCommand('jobs:report', jobId === null ? null : { jobId }, {
    enabled,
    // The report is written as the job ends; a first miss right at the state change is retried.
    retry: 4,
    staleTime: Number.POSITIVE_INFINITY,
  })
}

/** reports:export on the server (one formatter for CLI and UI), saved by the browser. */
export function useExportReport(jobId: string) {
  const mutation = useCommandMutation('reports:export', { onSuccess: (e) => downloadText(e.filename, e.mimeType, e.text) })
  return { exportAs: (format: ExportFormat) => mutation.mutate({ jobId, format }), pending: mutation.isPending, error: mutation.appError }
}
