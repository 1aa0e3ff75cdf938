import { useEffect } from 'react'
import { useApi } from '../api/api-context'
import { useJobStore } from '../state/job-store'
import { useTaskStore } from '../state/task-store'

/** Feeds task-batch events of the followed job into the task table; a new job starts a new table. */
export function useTaskFeed(): void {
  const api = useApi()
  const jobId = useJobStore((s) => s.jobId)
  useEffect(() => {
    if (useTaskStore.getState().jobId !== jobId) useTaskStore.getState().reset(jobId)
  }, [jobId])
  useEffect(
    () =>
      api.events.onJob((ev) => {
        if (ev.type === 'task-batch') useTaskStore.getState().add(ev.jobId, ev.results)
      }),
    [api],
  )
}
