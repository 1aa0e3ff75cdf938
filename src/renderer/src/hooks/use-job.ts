import { askNotificationOnce } from '../lib/browser-notify'
import type { JobConfigInput } from '../lib/selection'
import { useJobStore } from '../state/job-store'
import { useCommandMutation } from './use-command'

export function useStartJob() {
  const follow = useJobStore((s) => s.follow)
  const mutation = useCommandMutation('jobs:start', { onSuccess: ({ jobId }) => follow(jobId) })
  const start = (config: JobConfigInput) => {
    askNotificationOnce()
    mutation.mutate({ config })
  }
  return { start, starting: mutation.isPending, error: mutation.appError }
}

export function useCancelJob() {
  const mutation = useCommandMutation('jobs:cancel')
  return { cancel: (jobId: string) => mutation.mutate({ jobId }), cancelling: mutation.isPending, error: mutation.appError }
}
