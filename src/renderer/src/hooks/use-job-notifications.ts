import { useEffect } from 'react'
import { notifyJobEnd } from '../lib/browser-notify'
import { isTerminal } from '../lib/job-view'
import { useJobStore } from '../state/job-store'
import { useAppInfo } from './use-app-info'
import { useJobList } from './use-jobs'

/** Browser mode: a notification when the followed job ends after a minute or more. */
export function useJobEndNotifications(): void {
  const transport = useAppInfo().data?.transport
  const jobs = useJobList().data?.jobs
  useEffect(() => {
    // The desktop app notifies from main (src/main/electron/notify.ts), even with no window open.
    if (transport !== 'websocket') return
    return useJobStore.subscribe((s, prev) => {
      if (!s.jobId || s.jobId !== prev.jobId || !isTerminal(s.state) || isTerminal(prev.state) || !s.state) return
      const label = jobs?.find((j) => j.jobId === s.jobId)?.label ?? s.jobId
      notifyJobEnd(s.state, label, s.snapshot?.elapsedMs ?? 0)
    })
  }, [transport, jobs])
}
