// Handlers of the workbench commands (src/shared/contract/workbench.ts), spread into the table
// in handlers.ts. Each delegates to its own module; none returns a secret.
import type { workbenchCommands } from '../shared/contract'
import { coverageGrid } from '../shared/coverage'
import { DestinationStore } from './destinations/destination-store'
import { makePlan } from './plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from './s3/clients'
import type { Handlers, Services } from './handlers'
import { resolveConfig } from './handlers'
import { runPreflight, type PreflightDeps } from './preflight/run-preflight'
import { readAwsProfiles } from './profiles/read-profiles'
import { exportReport } from './report-export/export-report'
import { readSavedJob } from './report-export/job-config'

type WorkbenchHandlers = Pick<Handlers, keyof typeof workbenchCommands>

export function makeWorkbenchHandlers(s: Services, deps: PreflightDeps = {}): WorkbenchHandlers {
  const destinations = new DestinationStore(s.dataDir)
  return {
    'jobs:config': ({ jobId }) => readSavedJob(s.dataDir, jobId),
    'reports:export': async ({ jobId, format }) => exportReport(await s.jobs.report(jobId), format),
    'plan:coverage': async ({ config }) => {
      // Its own listing, like plan:preview: the summary stays small, the grid is asked for apart.
      const c = resolveConfig(s, config)
      const source = makeS3Client(sourceEndpoint(c))
      const destination = c.output_directory ? undefined : makeS3Client(destinationEndpoint(c))
      try {
        const plan = await makePlan(c, { source, destination })
        return coverageGrid(plan.tasks, plan.missingKeys)
      } finally {
        source.destroy()
        destination?.destroy()
      }
    },
    'preflight:run': ({ config }) => runPreflight(resolveConfig(s, config), deps),
    'profiles:list': async () => ({ profiles: await readAwsProfiles(s.env) }),
    'destinations:list': async () => ({ destinations: await destinations.list() }),
    'destinations:save': async ({ destination }) => ({ destinations: await destinations.save(destination) }),
    'destinations:delete': async ({ name }) => ({ destinations: await destinations.delete(name) }),
  }
}
