import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useApi } from '../api/api-context'
import { callCommand, commandKey } from '../api/command-query'
import { isActive } from '../lib/job-view'
import { rerunConfig, updateConfig } from '../lib/rerun'
import { useJobStore } from '../state/job-store'
import { useViewStore } from '../state/view-store'
import { appErrorOf, useCommand, useCommandMutation } from './use-command'

/**
 * The jobs main knows. No poll: the job-event dispatcher patches running jobs' figures from
 * the event stream and re-lists on every state change; opening the screen lists afresh.
 */
export function useJobList() {
  return useCommand('jobs:list', {})
}

/**
 * On load, follow a job that is still running in main: closing and reopening the window (or
 * reloading the page) must show it again, not an empty form.
 */
export function useReopenRunningJob(): void {
  const list = useJobList()
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

/** Start a past job's config again (or, with `updateConfig`, its update) and watch it on the copy screen. */
export function useRerun(prepare: (saved: Record<string, unknown>) => Record<string, unknown> = rerunConfig) {
  const api = useApi()
  const queryClient = useQueryClient()
  const mutation = useMutation({
    mutationFn: async (jobId: string) => {
      const saved = await callCommand(api, 'jobs:config', { jobId })
      return callCommand(api, 'jobs:start', { config: prepare(saved.config) })
    },
    onSuccess: ({ jobId }) => {
      useJobStore.getState().follow(jobId)
      useViewStore.getState().show('copy')
      void queryClient.invalidateQueries({ queryKey: commandKey('jobs:list') })
    },
  })
  return { rerun: mutation.mutate, pending: mutation.isPending, error: appErrorOf(mutation.error) }
}

/** Update a past job's dataset: same selection, end moved to the archive's latest, incremental. */
export const useUpdateJob = () => useRerun(updateConfig)

/** Continue an interrupted job from its journal, and watch it on the copy screen. */
export function useResume() {
  const queryClient = useQueryClient()
  const mutation = useCommandMutation('jobs:resume', {
    // The resumed job may carry on under the same id or a new one: follow what main says.
    onSuccess: ({ jobId }) => {
      queryClient.removeQueries({ queryKey: commandKey('jobs:report', { jobId }) })
      useJobStore.getState().follow(jobId)
      useViewStore.getState().show('copy')
    },
  })
  return { resume: (jobId: string) => mutation.mutate({ jobId }), pending: mutation.isPending, error: mutation.appError }
}
