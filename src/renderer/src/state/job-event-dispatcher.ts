// The one subscriber to the `jobs:event` stream of a connection. Every event is fanned out
// from here: the followed job's view, its task table, the history list's cached figures and
// the queries a finished job makes stale. Started and stopped by ApiProvider (its owner).
import type { QueryClient } from '@tanstack/react-query'
import type { JobEvent, JobSummary } from '../../../shared/contract'
import type { Connection } from '../api/connect'
import { commandKey, commandQuery } from '../api/command-query'
import { isActive, isTerminal } from '../lib/job-view'
import { useJobStore } from './job-store'
import { useTaskStore } from './task-store'

type Dispatched = Pick<Connection, 'api' | 'status' | 'onStatus'>

export function startJobEventDispatcher(connection: Dispatched, queryClient: QueryClient): () => void {
  const { api } = connection

  const route = (ev: JobEvent) => {
    useJobStore.getState().receive(ev)
    if (ev.type === 'task-batch') useTaskStore.getState().add(ev.jobId, ev.results)
    // The history shows live figures of running jobs from the same stream, not by polling.
    if (ev.type === 'snapshot') patchListedJob(queryClient, ev.jobId, (j) => (j.snapshot && j.snapshot.at >= ev.snapshot.at ? j : { ...j, snapshot: ev.snapshot }))
    // A state change can add a job (started elsewhere in this app) or give it a report: re-list.
    if (ev.type === 'state') void queryClient.invalidateQueries({ queryKey: commandKey('jobs:list') })
  }

  const stopFollow = useJobStore.subscribe((s, prev) => {
    // A new job starts a new task table, with the results that came before jobs:start named the
    // job (the job store kept them among its early events; `prev` still holds them).
    if (s.jobId !== prev.jobId && useTaskStore.getState().jobId !== s.jobId) {
      useTaskStore.getState().reset(s.jobId)
      for (const e of prev.early) if (e.type === 'task-batch' && e.jobId === s.jobId) useTaskStore.getState().add(e.jobId, e.results)
    }
    const { jobId } = s
    const finishedNow = isTerminal(s.state) && !(jobId === prev.jobId && isTerminal(prev.state))
    if (jobId === null || !finishedNow) return
    // What the destination already has just changed: the next plan must not reuse the old one.
    void queryClient.invalidateQueries({ queryKey: commandKey('plan:preview') })
    void queryClient.invalidateQueries({ queryKey: commandKey('plan:coverage') })
    // A resumed job ends again under the same id: its earlier report is out of date.
    void queryClient.invalidateQueries({ queryKey: commandKey('jobs:report', { jobId }) })
    void queryClient.invalidateQueries({ queryKey: commandKey('jobs:list') })
  })

  // Events sent while the socket was reconnecting are gone, the job's state is not: after a
  // reconnect, ask once for the followed job's status instead of polling it all along.
  let lost = connection.status() === 'closed'
  const stopStatus = connection.onStatus((status) => {
    if (status === 'closed') lost = true
    if (status !== 'open' || !lost) return
    lost = false
    void queryClient.invalidateQueries({ queryKey: commandKey('jobs:list') })
    const { jobId, state } = useJobStore.getState()
    if (jobId === null || !isActive(state)) return
    queryClient
      .fetchQuery({ ...commandQuery(api, 'jobs:status', { jobId }), staleTime: 0 })
      .then((summary) => {
        if (summary.jobId === useJobStore.getState().jobId) useJobStore.getState().reconcile(summary)
      })
      // Lost again before the answer: the next reconnect asks again.
      .catch(() => {})
  })

  const stopEvents = api.events.onJob(route)
  return () => {
    stopEvents()
    stopStatus()
    stopFollow()
  }
}

function patchListedJob(queryClient: QueryClient, jobId: string, patch: (j: JobSummary) => JobSummary): void {
  queryClient.setQueryData(commandKey('jobs:list', {}), (list: { jobs: JobSummary[] } | undefined) =>
    list && list.jobs.some((j) => j.jobId === jobId) ? { jobs: list.jobs.map((j) => (j.jobId === jobId ? patch(j) : j)) } : list,
  )
}
