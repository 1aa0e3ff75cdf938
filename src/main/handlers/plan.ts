// plan:* — the plan a start would copy: its summary (with the id Start sends back), and the
// coverage grid apart (it can be large). Both read the one cached plan of the config.
import { coverageGrid } from '../../shared/coverage'
import { resolveConfig } from './resolve'
import type { DomainHandlers, Services } from './types'

export function planHandlers(s: Services): DomainHandlers<'plan'> {
  return {
    'plan:preview': async ({ config, refresh }) => {
      const { planId, plan } = await s.plans.get(await resolveConfig(s, config), { refresh })
      return { ...plan.summary, planId }
    },
    'plan:coverage': async ({ config }) => {
      const { plan } = await s.plans.get(await resolveConfig(s, config))
      return coverageGrid(plan.tasks, plan.missingKeys)
    },
  }
}
