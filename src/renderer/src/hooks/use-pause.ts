import { useMutation } from '@tanstack/react-query'
import { useApi } from '../api/api-context'
import { toAppError } from '../api/app-error'

/** jobs:pause, or jobs:continue for a paused job. */
export function usePauseJob() {
  const api = useApi()
  const mutation = useMutation({
    mutationFn: async ({ jobId, paused }: { jobId: string; paused: boolean }) => {
      await (paused ? api.jobs.continue({ jobId }) : api.jobs.pause({ jobId }))
    },
  })
  return { toggle: mutation.mutate, pending: mutation.isPending, error: mutation.error ? toAppError(mutation.error) : null }
}
