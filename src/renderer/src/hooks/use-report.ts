import { useMutation, useQuery } from '@tanstack/react-query'
import type { ExportFormat } from '../../../shared/contract'
import { useApi } from '../api/api-context'
import { toAppError } from '../api/app-error'
import { downloadText } from '../lib/download'

export function useReport(jobId: string | null, enabled = true) {
  const api = useApi()
  return useQuery({
    queryKey: ['jobs:report', jobId],
    queryFn: () => api.jobs.report({ jobId: jobId ?? '' }),
    enabled: jobId !== null && enabled,
    // The report is written as the job ends; a first miss right at the state change is retried.
    retry: 4,
    staleTime: Number.POSITIVE_INFINITY,
  })
}

/** reports:export on the server (one formatter for CLI and UI), saved by the browser. */
export function useExportReport(jobId: string) {
  const api = useApi()
  const mutation = useMutation({
    mutationFn: (format: ExportFormat) => api.reports.export({ jobId, format }),
    onSuccess: (e) => downloadText(e.filename, e.mimeType, e.text),
  })
  return { exportAs: mutation.mutate, pending: mutation.isPending, error: mutation.error ? toAppError(mutation.error) : null }
}
