import { useMemo } from 'react'
import { validateConfig } from '../../../shared/config/validate'
import type { CommandResponse } from '../../../shared/contract'
import { toAppError, type AppErrorData } from '../api/app-error'
import type { JobConfigInput } from '../lib/selection'
import { useJobConfig } from './use-job-config'
import { useCommand } from './use-command'
import { useDebouncedValue } from './use-debounced-value'

export type ConfigIssueView = NonNullable<AppErrorData['issues']>[number]

export interface PlanPreview {
  /** Problems found before asking the server (same rules and CE codes as main). */
  issues: ConfigIssueView[]
  /** The summary shown, with the id Start sends so the job copies exactly this plan. */
  plan: CommandResponse<'plan:preview'> | undefined
  /** The config the shown plan was made for: what Start must send. */
  plannedConfig: JobConfigInput | null
  pending: boolean
  error: AppErrorData | null
}

const DEBOUNCE_MS = 400

export function usePlanPreview(): PlanPreview {
  const config = useJobConfig()
  const local = useMemo(() => validateConfig(config), [config])
  const key = local.ok ? JSON.stringify(config) : null
  const settledKey = useDebouncedValue(key, DEBOUNCE_MS)
  const current = settledKey !== null && settledKey === key

  const settled = useMemo(() => (settledKey === null ? null : (JSON.parse(settledKey) as JobConfigInput)), [settledKey])
  const query = useCommand('plan:preview', settled && { config: settled }, { enabled: current, retry: false })

  return {
    issues: local.ok ? [] : local.issues,
    plan: current ? query.data : undefined,
    plannedConfig: current && query.data ? settled : null,
    pending: key !== null && (!current || query.isFetching),
    error: current && query.error ? toAppError(query.error) : null,
  }
}
