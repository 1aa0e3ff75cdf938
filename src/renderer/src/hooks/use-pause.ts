import { useMutation } from '@tanstack/react-query'
import { useApi } from '../api/api-context'
import { callCommand } from '../api/command-query'
import { appErrorOf } from './use-command'

/** jobs:pause, or jobs:continue when the job is paused: one button, one pending state. */
export function usePauseJob() {
  const api = useApi()
  const mutation = useMutation({
    mutationFn: ({ jobId, paused }: { jobId: string; paused: boolean }) => callCommand(api, paused ? 'jobs:continue' : 'jobs:pause', { jobId }),
  })
  return { toggle: mutation.mutate, pending: mutation.isPending, error: appErrorOf(mutation.error) }
}
