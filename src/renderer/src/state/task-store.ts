// The followed job's per-task rows. The table itself is mutable (typed arrays); the store only
// publishes a new `rows` handle per change, so React re-renders once per task-batch event
// (≤ 2/s), not per task, and memos can key on the handle.
import { create } from 'zustand'
import type { TaskResult } from '../../../shared/contract'
import { TaskTable } from '../lib/task-table'

interface TaskRows {
  table: TaskTable
  /** The table's version when this handle was made. */
  version: number
}

interface TaskStore {
  jobId: string | null
  rows: TaskRows
  reset(jobId: string | null): void
  add(jobId: string, results: readonly TaskResult[]): void
}

export const useTaskStore = create<TaskStore>()((set, get) => ({
  jobId: null,
  rows: { table: new TaskTable(), version: 0 },
  reset: (jobId) => set({ jobId, rows: { table: new TaskTable(), version: 0 } }),
  add: (jobId, results) => {
    const s = get()
    if (s.jobId !== jobId) return
    const { table } = s.rows
    table.add(results)
    if (table.version !== s.rows.version) set({ rows: { table, version: table.version } })
  },
}))
