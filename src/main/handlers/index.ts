// The handler table: one module per domain of the contract's `domain:verb` names, merged here.
import type { PreflightDeps } from '../preflight/run-preflight'
import { appHandlers } from './app'
import { catalogHandlers } from './catalog'
import { configHandlers } from './config'
import { destinationsHandlers } from './destinations'
import { filesHandlers } from './files'
import { jobsHandlers } from './jobs'
import { planHandlers } from './plan'
import { preflightHandlers } from './preflight'
import { profilesHandlers } from './profiles'
import { reportsHandlers } from './reports'
import type { Handlers, Services } from './types'

export { dispatch, toErrorData } from './dispatch'
export type { Handlers, Services } from './types'

export function makeHandlers(s: Services, deps: PreflightDeps = {}): Handlers {
  return {
    ...appHandlers(s),
    ...configHandlers(s),
    ...catalogHandlers(s),
    ...planHandlers(s),
    ...jobsHandlers(s),
    ...reportsHandlers(s),
    ...preflightHandlers(s, deps),
    ...profilesHandlers(s),
    ...destinationsHandlers(s),
    ...filesHandlers(s),
  }
}
