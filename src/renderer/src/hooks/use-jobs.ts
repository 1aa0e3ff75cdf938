import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useApi } from '../api/api-context'
import { toAppError } from '../api/app-error'
import { isActive } from '../lib/job-view'
import { rerunConfig } from '../lib/rerun'
import { useJobStore } from '../state/job-store'
import { useViewStore } from '../state/view-store'

const LIST_POLL_MS = 3000

export function useJobList(poll: boolean) {
  const api = useApi()
  return useQuery({ queryKey: ['jobs:list'], queryFn: () => api.jobs.list({}), refetchInterval: poll ? LIST_POLL_MS : false })
}

/**
 * On load, follow a job that is still running in main: closing and reopening the window (or
 * reloading the page) must show it again, not an empty form.
 */
export function useReopenRunningJob(): void {
  const list = useJobList(false)
  const done = useRef(false)
  useEffect(() => {
    if (done.current || !list.data) return
    done.current = true
    const running = list.data.jobs.find((j) => isActive(j.state))
    if (running && useJobStore.getState().jobId === null) {
      useJobStore.getState().follow(running.jobId)
      useJobStore.getState().reconcile(running)
    }
  }, [list.data])
}

/** The browser asks before leaving while a job runs (the job itself goes on in main). */
export function useConfirmLeaveWhileRunning(): void {
  const running = useJobStore((s) => isActive(s.state))
  useEffect(() => {
    if (!running) return
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      // Older Chromium needs returnValue set to show the prompt.
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [running])
}

/** Start a past job's config again and watch it on the copy screen. */
export function useRerun() {
  const api = useApi()
  const queryClient = useQueryClient()
  const mutation = useMutation({
    mutationFn: async (jobId: string) => {
      const saved = await api.jobs.config({ jobId })
      return api.jobs.start({ config: rerunConfig(saved.config) })
    },
    onSuccess: ({ jobId }) => {
      useJobStore.getState().follow(jobId)
      useViewStore.getState().show('copy')
      void queryClient.invalidateQueries({ queryKey: ['jobs:list'] })
    },
  })
  return { rerun: mutation.mutate, pending: mutation.isPending, error: mutation.error ? toAppError(mutation.error) : null }
}

/** jobs:resume: continues an interrupted job from its journal. */
export function useResume() {
  const api = useApi()
  const queryClient = useQueryClient()
  const mutation = useMutation({
    // The resumed job may carry on under the same id or a new one: follow what main says.
    mutationFn: async (jobId: string) => (await api.jobs.resume({ jobId })).jobId,
    onSuccess: (jobId) => {
      queryClient.removeQueries({ queryKey: ['jobs:report', jobId] })
      useJobStore.getState().follow(jobId)
      useViewStore.getState().show('copy')
    },
  })
  return { resume: mutation.mutate, pending: mutation.isPending, error: mutation.error ? toAppError(mutation.error) : null }
}
