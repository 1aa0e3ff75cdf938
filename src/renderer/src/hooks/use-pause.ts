import { useMutation } from '@tanstack/react-query'
import { useApi } from '../api/api-context'
import { toAppError } from '../api/app-error'
import { optionalCommand } from '../lib/optional-command'

/** jobs:pause / jobs:continue when the contract has them; null hides the button. */
export function usePauseJob() {
  const api = useApi()
  const pause = optionalCommand(api, 'jobs:pause')
  const resume = optionalCommand(api, 'jobs:continue')
  const mutation = useMutation({
    mutationFn: async ({ jobId, paused }: { jobId: string; paused: boolean }) => {
      const call = paused ? resume : pause
      if (!call) throw new Error('this build cannot pause jobs')
      await call({ jobId })
    },
  })
  if (!pause || !resume) return null
  return { toggle: mutation.mutate, pending: mutation.isPending, error: mutation.error ? toAppError(mutation.error) : null }
}
