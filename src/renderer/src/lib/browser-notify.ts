// Browser mode's end-of-job notice (the desktop app notifies from main, with Electron's
// Notification). The permission is asked once, on a Start press (browsers refuse prompts that
// no gesture caused), and the answer is remembered by the browser itself.
import { jobNotice } from '../../../shared/job-notice'
import type { JobState } from '../../../shared/contract'

const ASKED = 'archive-sync.notify-asked'

export function askNotificationOnce(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return
  try {
    if (localStorage.getItem(ASKED)) return
    localStorage.setItem(ASKED, '1')
  } catch {
    // Storage disabled: ask anyway, the browser keeps the answer.
  }
  void Notification.requestPermission().catch(() => undefined)
}

export function notifyJobEnd(state: JobState, label: string, elapsedMs: number): void {
  const notice = jobNotice(state, label, elapsedMs)
  if (!notice || typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  new Notification(notice.title, { body: notice.body })
}
