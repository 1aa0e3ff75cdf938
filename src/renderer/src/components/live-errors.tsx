import { useDeferredValue, useMemo } from 'react'
import { groupErrors } from '../lib/error-groups'
import { useTaskStore } from '../state/task-store'
import { ErrorGroups } from './error-groups'

/** Failures so far, grouped by class with the fix, while the job still runs. */
export function LiveErrors() {
  const rows = useDeferredValue(useTaskStore((s) => s.rows))
  const groups = useMemo(() => groupErrors(rows.table.failures()), [rows])
  return <ErrorGroups groups={groups} />
}
