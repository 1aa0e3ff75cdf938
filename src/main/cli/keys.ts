// Keys on an interactive terminal: `p` pauses and continues the job, Ctrl+C cancels it (resumable).
// Raw mode swallows the terminal's own Ctrl+C, so it is mapped back to a cancel here.
import { emitKeypressEvents } from 'node:readline'
import type { JobManager } from '../jobs/job-manager'

export function bindJobKeys(jobs: JobManager, jobId: () => string | undefined, out: NodeJS.WriteStream): () => void {
  const input = process.stdin
  if (!input.isTTY || !out.isTTY) return () => undefined
  emitKeypressEvents(input)
  input.setRawMode(true)
  input.resume()
  let paused = false
  const onKey = (_s: string, key: { name?: string; ctrl?: boolean } | undefined) => {
    const id = jobId()
    if (!id || !key) return
    if (key.ctrl && key.name === 'c') return jobs.cancel(id)
    if (key.name !== 'p') return
    try {
      if (paused) jobs.continue(id)
      else jobs.pause(id)
      paused = !paused
      out.write(`\r\x1b[K${paused ? 'Paused: copies in flight finish, nothing new starts. Press p to continue, Ctrl+C to cancel.' : 'Continuing.'}\n`)
    } catch (err) {
      out.write(`\r\x1b[K${(err as Error).message}\n`)
    }
  }
  input.on('keypress', onKey)
  out.write('Press p to pause or continue, Ctrl+C to cancel (the job stays resumable).\n')
  return () => {
    input.off('keypress', onKey)
    input.setRawMode(false)
    input.pause()
  }
}
