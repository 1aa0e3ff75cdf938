import { useQueryClient } from '@tanstack/react-query'
import { commandKey } from '../api/command-query'
import { toAppError } from '../api/app-error'
import { askNotificationOnce } from '../lib/browser-notify'
import type { JobConfigInput } from '../lib/selection'
import { useJobStore } from '../state/job-store'
import { useCommandMutation } from './use-command'

/** Start copies the plan the preview showed (its id); a plan the server no longer holds is previewed again. */
export function useStartJob() {
  const follow = useJobStore((s) => s.follow)
  const queryClient = useQueryClient()
  const mutation = useCommandMutation('jobs:start', {
    onSuccess: ({ jobId }) => follow(jobId),
    // The plan shown has expired or no longer matches the form: show a fresh one.
    onError: (err) => {
      if (['PLAN_EXPIRED', 'PLAN_MISMATCH'].includes(toAppError(err).code)) void queryClient.invalidateQueries({ queryKey: commandKey('plan:preview') })
    },
  })
  const start = (config: JobConfigInput, planId?: string) => {
    askNotificationOnce()
    mutation.mutate({ config, planId })
  }
  return { start, starting: mutation.isPending, error: mutation.appError }
}

export function useCancelJob() {
  const mutation = useCommandMutation('jobs:cancel')
  return { cancel: (jobId: string) => mutation.mutate({ jobId }), cancelling: mutation.isPending, error: mutation.appError }
}
