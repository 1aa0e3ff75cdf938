// plan:* — the plan a start would copy: its summary, and the coverage grid apart (it can be large).
import { coverageGrid } from '../../shared/coverage'
import type { JobConfig } from '../../shared/config/validate'
import { makePlan } from '../plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { resolveConfig } from './resolve'
import type { DomainHandlers, Services } from './types'

/** A listing with its own clients, destroyed when it ends. */
async function withClients<T>(c: JobConfig, fn: (d: { source: ReturnType<typeof makeS3Client>; destination?: ReturnType<typeof makeS3Client> }) => Promise<T>): Promise<T> {
  const source = makeS3Client(sourceEndpoint(c))
  const destination = c.output_directory ? undefined : makeS3Client(destinationEndpoint(c))
  try {
    return await fn({ source, destination })
  } finally {
    source.destroy()
    destination?.destroy()
  }
}

export function planHandlers(s: Services): DomainHandlers<'plan'> {
  return {
    'plan:preview': async ({ config }) => {
      const c = await resolveConfig(s, config)
      const measured = await s.jobs.lastThroughput()
      return withClients(c, async (clients) => (await makePlan(c, { ...clients, measured })).summary)
    },
    'plan:coverage': async ({ config }) => {
      const c = await resolveConfig(s, config)
      return withClients(c, async (clients) => {
        const plan = await makePlan(c, clients)
        return coverageGrid(plan.tasks, plan.missingKeys)
      })
    },
  }
}
