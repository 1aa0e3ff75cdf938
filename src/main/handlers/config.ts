// config:* — the same checks a start makes, without starting.
import { checkClientConfig } from './resolve'
import type { DomainHandlers, Services } from './types'

export function configHandlers(s: Services): DomainHandlers<'config'> {
  return {
    'config:validate': async ({ config }) => {
      const r = await checkClientConfig(s, config)
      return r.ok ? { ok: true, issues: [] } : { ok: false, issues: r.issues }
    },
  }
}
