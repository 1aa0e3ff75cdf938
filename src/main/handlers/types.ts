// What every handler module shares: the services they run on and the table's type. Lower than
// the handler modules (they import it, it imports none of them), so the table has no cycle.
import type { z } from 'zod'
import type { AppInfo, CommandName, CommandResponse, Commands } from '../../shared/contract'
import type { JobManager } from '../jobs/job-manager'
import type { PlanCache } from '../plan/plan-cache'

/** Where local downloads land; `choose` is the desktop app's native folder dialog (absent in browser mode). */
interface OutputRoot {
  path: string
  choose?: () => Promise<string | undefined>
}

export interface Services {
  jobs: JobManager
  /** The one plan per config that preview, coverage and start share. */
  plans: PlanCache
  /** Server-side settings (endpoints, credentials, source, binaries) under every job; never sent to the renderer. */
  baseConfig: Record<string, unknown>
  info: AppInfo
  env: Readonly<Record<string, string | undefined>>
  /** Where jobs and caches live. */
  dataDir: string
  /** A connection's `output_directory` is a folder inside this root, by real path. */
  output: OutputRoot
}

export type Handlers = { [C in CommandName]: (req: z.output<Commands[C]['req']>) => Promise<CommandResponse<C>> }

/** The handlers of one domain (`jobs:*`, `plan:*`, ...). */
export type DomainHandlers<D extends string> = Pick<Handlers, Extract<CommandName, `${D}:${string}`>>
