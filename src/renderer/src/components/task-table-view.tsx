// The followed job's tasks, virtualised: 100,000 rows cost ~30 DOM rows. Filters and search
// run over the typed-array table and are recomputed only when it changes.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useDeferredValue, useId, useMemo, useRef, useState } from 'react'
import { useDebouncedValue } from '../hooks/use-debounced-value'
import { formatBytes, formatCount } from '../../../shared/format'
import type { TaskFilter } from '../lib/task-table'
import { useTaskStore } from '../state/task-store'

const FILTERS: { id: TaskFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'failed', label: 'Failed' },
  { id: 'skipped', label: 'Skipped' },
  { id: 'mismatch', label: 'Mismatch' },
]
const ROW_HEIGHT = 28

export function TaskTableView() {
  const id = useId()
  const live = useTaskStore((s) => s.rows)
  const [filter, setFilter] = useState<TaskFilter>('all')
  const [search, setSearch] = useState('')
  const query = useDebouncedValue(search, 200)
  // Deferred: a burst of updates never blocks typing or scrolling.
  const { table } = live
  const settled = useDeferredValue(live)
  const rows = useMemo(() => settled.table.select(filter, query), [settled, filter, query])
  const scrollRef = useRef<HTMLDivElement>(null)
  // The virtualizer is a mutable object that re-renders this component on scroll itself; that
  // only clashes with React Compiler memoisation, which this app does not use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 })

  return (
    <div className="tasks">
      <div className="tasks-toolbar">
        <h3 id={`${id}-h`}>Tasks ({formatCount(table.size)})</h3>
        <div role="radiogroup" aria-label="Task filter" className="segmented">
          {FILTERS.map((f) => (
            <label key={f.id}>
              <input type="radio" name={`${id}-filter`} value={f.id} checked={filter === f.id} onChange={() => setFilter(f.id)} />
              {f.label}
            </label>
          ))}
        </div>
        <input type="search" aria-label="Search tasks" placeholder="Search file, id or message" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="hint" role="status">
          {formatCount(rows.length)} shown
        </span>
      </div>
      <div ref={scrollRef} className="tasks-scroll" tabIndex={0} role="table" aria-labelledby={`${id}-h`} aria-rowcount={rows.length}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            const r = settled.table.row(rows[item.index])
            return (
              <div key={item.key} role="row" aria-rowindex={item.index + 1} className={`task-row task-${r.outcome}`} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                <span role="cell" className="task-id">
                  #{r.id}
                </span>
                <span role="cell" className="task-key" title={r.key}>
                  {r.key.slice(r.key.lastIndexOf('/') + 1)}
                </span>
                <span role="cell">{r.outcome}</span>
                <span role="cell">{r.engine || '—'}</span>
                <span role="cell" className="task-bytes">
                  {formatBytes(r.bytes)}
                </span>
                <span role="cell" className="task-reason" title={r.reason}>
                  {r.errorClass ? `${r.errorClass}: ` : ''}
                  {r.reason}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
