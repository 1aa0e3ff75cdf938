import { useEffect, useRef } from 'react'
import { toAppError } from '../api/app-error'
import { useFilePreview } from '../hooks/use-file-preview'
import { formatBytes, formatCount } from '../../../shared/format'
import { previewView } from '../lib/preview-view'
import { useViewStore } from '../state/view-store'
import { ErrorNote } from './config-issues'
import { PreviewChart } from './preview-chart'

/** The first rows of the file picked for preview, read by main (ranged, size-capped). */
export function FilePreview() {
  const key = useViewStore((s) => s.previewKey)
  const openPreview = useViewStore((s) => s.openPreview)
  const preview = useFilePreview(key)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const sectionRef = useRef<HTMLElement>(null)
  // The rows are what was asked for: bring the whole panel up, and the focus to its heading.
  const loaded = preview.data?.key === key
  useEffect(() => {
    if (!key) return
    headingRef.current?.focus({ preventScroll: true })
    sectionRef.current?.scrollIntoView({ block: 'start' })
  }, [key, loaded])
  if (!key) return null
  const file = key.slice(key.lastIndexOf('/') + 1)
  const p = preview.data
  const view = p ? previewView(p) : null
  return (
    <section className="panel file-preview" role="region" aria-labelledby="preview-heading" aria-busy={preview.isLoading} ref={sectionRef}>
      <div className="panel-title">
        <h2 id="preview-heading" ref={headingRef} tabIndex={-1}>
          Preview: {file}
        </h2>
        <button type="button" className="push-right" onClick={() => openPreview(null)}>
          Close preview
        </button>
      </div>
      {preview.isLoading && <p className="hint">Reading the first rows…</p>}
      {preview.error && <ErrorNote title="The file could not be previewed." error={toAppError(preview.error)} />}
      {p && view && (
        <>
          <p className="hint">
            {formatCount(p.rows.length)} first rows of {p.entry} ({formatBytes(p.size)} zipped{p.partial ? ', read in part' : ''}
            {p.header ? ', header row in the file' : ', no header row'}). {view.units && `${view.units}; shown as UTC date-times.`}
          </p>
          {view.chart && <PreviewChart t={view.chart.t} close={view.chart.close} label={`Close price of ${file}`} />}
          <div className="table-scroll">
            <table className="table preview-table" aria-label={`Preview of ${file}`}>
              <thead>
                <tr>
                  {view.headers.map((h, i) => (
                    <th key={i} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.cells.map((row, r) => (
                  <tr key={r}>
                    {row.map((c, i) => (
                      <td key={i} className="nowrap">
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
