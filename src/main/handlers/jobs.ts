// jobs:* — start, control and read jobs. A past job's config goes back to the page cut down to
// client keys, so re-running it sends nothing a connection may not send.
import { relative, isAbsolute } from 'node:path'
import { toClientConfig } from '../../shared/config/client'
import { readSavedJob } from '../report-export/job-config'
import { baseCredentials, resolveConfig } from './resolve'
import type { DomainHandlers, Services } from './types'

/** A download folder as the page may name it: relative to the output root, or left out when outside it. */
function relativeFolder(root: string, dir: unknown): { output_directory?: string } {
  if (typeof dir !== 'string') return {}
  const rel = relative(root, dir)
  return rel.startsWith('..') || isAbsolute(rel) ? {} : { output_directory: rel || '.' }
}

export function jobsHandlers(s: Services): DomainHandlers<'jobs'> {
  return {
    'jobs:start': async ({ config, planId }) => {
      const c = await resolveConfig(s, config)
      // The plan the preview showed, taken now; without one the job lists its own while it copies.
      const plan = s.plans.take(c, planId)
      if (!plan) return { jobId: (await s.jobs.start(c)).jobId }
      // Handled here too: a job that fails before planning never awaits it.
      plan.catch(() => undefined)
      return { jobId: (await s.jobs.start(c, { plan: async () => (await plan).plan })).jobId }
    },
    'jobs:cancel': async ({ jobId }) => (s.jobs.cancel(jobId), { ok: true as const }),
    'jobs:pause': async ({ jobId }) => (s.jobs.pause(jobId), { ok: true as const }),
    'jobs:continue': async ({ jobId }) => (s.jobs.continue(jobId), { ok: true as const }),
    'jobs:resume': async ({ jobId }) => ({ jobId: (await s.jobs.resume(jobId, { credentials: baseCredentials(s) })).jobId }),
    'jobs:status': ({ jobId }) => s.jobs.status(jobId),
    'jobs:list': async () => ({ jobs: await s.jobs.list() }),
    'jobs:report': ({ jobId }) => s.jobs.report(jobId),
    'jobs:config': async ({ jobId }) => {
      const saved = await readSavedJob(s.dataDir, jobId)
      const { output_directory: dir, ...rest } = toClientConfig(saved.config)
      return { ...saved, config: { ...rest, ...relativeFolder(s.output.path, dir) } }
    },
  }
}
