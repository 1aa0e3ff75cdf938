// The followed job's per-task rows. The table itself is mutable (typed arrays); the store only
// publishes its version, so React re-renders once per task-batch event (≤ 2/s), not per task.
import { create } from 'zustand'
import type { TaskResult } from '../../../shared/contract'
import { TaskTable } from '../lib/task-table'

interface TaskStore {
  jobId: string | null
  table: TaskTable
  version: number
  reset(jobId: string | null): void
  add(jobId: string, results: readonly TaskResult[]): void
}

export const useTaskStore = create<TaskStore>()((set, get) => ({
  jobId: null,
  table: new TaskTable(),
  version: 0,
  reset: (jobId) => set({ jobId, table: new TaskTable(), version: 0 }),
  add: (jobId, results) => {
    const s = get()
    if (s.jobId !== jobId) return
    s.table.add(results)
    set({ version: s.table.version })
  },
}))
