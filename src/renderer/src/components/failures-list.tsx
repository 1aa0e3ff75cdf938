import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import type { Report } from '../../../shared/contract'
import { formatCount } from '../../../shared/format'

type Failure = Report['failures'][number]

const ROW_HEIGHT = 52

/** Virtualised: a failed 100,000-file backfill must not put 100,000 rows in the DOM. */
export function FailuresList({ failures }: { failures: readonly Failure[] }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // The virtualizer is a mutable object that re-renders this component on scroll itself; that
  // only clashes with React Compiler memoisation, which this app does not use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: failures.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  if (failures.length === 0) return <p className="hint">No failed files.</p>

  return (
    <div className="failures">
      <h3 id="failures-heading">Failed files ({formatCount(failures.length)})</h3>
      <div ref={scrollRef} className="failures-scroll" tabIndex={0} aria-labelledby="failures-heading">
        <ul role="list" className="failures-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const f = failures[row.index]
            return (
              <li
                key={row.key}
                className="failure-row"
                aria-setsize={failures.length}
                aria-posinset={row.index + 1}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              >
                <code className="failure-key" title={f.source_key}>
                  {f.source_key}
                </code>
                <span className={`badge badge-${f.error_class}`}>{f.error_class}</span>
                <span className="failure-error" title={f.error}>
                  {f.error}
                </span>
              </li>
            )
          })}
        </ul>
      </div>
    </div>
  )
}
