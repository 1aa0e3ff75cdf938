import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useApi } from '../api/api-context'
import { toAppError } from '../api/app-error'
import { isActive, isTerminal } from '../lib/job-view'
import type { JobConfigInput } from '../lib/selection'
import { useJobStore } from '../state/job-store'

const STATUS_POLL_MS = 5000

/**
 * Feeds the job store from the event stream. A slow status poll backs it up: events sent
 * while the socket was reconnecting are gone, the job's state is not.
 */
export function useJobEventFeed(): void {
  const api = useApi()
  const queryClient = useQueryClient()
  const jobId = useJobStore((s) => s.jobId)
  const state = useJobStore((s) => s.state)

  useEffect(() => api.events.onJob((ev) => useJobStore.getState().receive(ev)), [api])

  const status = useQuery({
    queryKey: ['jobs:status', jobId],
    queryFn: () => api.jobs.status({ jobId: jobId ?? '' }),
    enabled: jobId !== null && isActive(state),
    refetchInterval: STATUS_POLL_MS,
  })
  useEffect(() => {
    if (status.data && status.data.jobId === useJobStore.getState().jobId) useJobStore.getState().reconcile(status.data)
  }, [status.data])

  // What the destination already has just changed: the next plan must not reuse the old one.
  const finished = isTerminal(state)
  useEffect(() => {
    if (!finished) return
    void queryClient.invalidateQueries({ queryKey: ['plan:preview'] })
    void queryClient.invalidateQueries({ queryKey: ['plan:coverage'] })
    // A resumed job ends again under the same id: its earlier report is out of date.
    void queryClient.invalidateQueries({ queryKey: ['jobs:report', jobId] })
    void queryClient.invalidateQueries({ queryKey: ['jobs:list'] })
  }, [finished, jobId, queryClient])
}

export function useStartJob() {
  const api = useApi()
  const follow = useJobStore((s) => s.follow)
  const mutation = useMutation({
    mutationFn: (config: JobConfigInput) => api.jobs.start({ config }),
    onSuccess: ({ jobId }) => follow(jobId),
  })
  return { start: mutation.mutate, starting: mutation.isPending, error: mutation.error ? toAppError(mutation.error) : null }
}

export function useCancelJob() {
  const api = useApi()
  const mutation = useMutation({ mutationFn: (jobId: string) => api.jobs.cancel({ jobId }) })
  return { cancel: mutation.mutate, cancelling: mutation.isPending, error: mutation.error ? toAppError(mutation.error) : null }
}
