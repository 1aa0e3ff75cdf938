import type { JobConfigInput } from '../lib/selection'
import { useJobStore } from '../state/job-store'
import { useCommandMutation } from './use-command'

export function useStartJob() {
  const follow = useJobStore((s) => s.follow)
  const mutation = useCommandMutation('jobs:start', { onSuccess: ({ jobId }) => follow(jobId) })
  return { start: (config: JobConfigInput) => mutation.mutate({ config }), starting: mutation.isPending, error: mutation.appError }
}

export function useCancelJob() {
  const mutation = useCommandMutation('jobs:cancel')
  return { cancel: (jobId: string) => mutation.mutate({ jobId }), cancelling: mutation.isPending, error: mutation.appError }
}
