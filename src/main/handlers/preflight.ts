// preflight:* — the live checklist before Start, on the same resolved config a start would use
// (so the s5cmd it runs is the server's, never one a connection named).
import { runPreflight, type PreflightDeps } from '../preflight/run-preflight'
import { resolveConfig } from './resolve'
import type { DomainHandlers, Services } from './types'

export function preflightHandlers(s: Services, deps: PreflightDeps = {}): DomainHandlers<'preflight'> {
  return {
    'preflight:run': async ({ config }) => runPreflight(await resolveConfig(s, config), deps),
  }
}
