import { useDeferredValue, useMemo } from 'react'
import { groupErrors } from '../lib/error-groups'
import { useTaskStore } from '../state/task-store'
import { ErrorGroups } from './error-groups'

/** Failures so far, grouped by class with the fix, while the job still runs. */
export function LiveErrors() {
  const table = useTaskStore((s) => s.table)
  const version = useDeferredValue(useTaskStore((s) => s.version))
  const groups = useMemo(() => groupErrors(table.failures()), [table, version])
  return <ErrorGroups groups={groups} />
}
