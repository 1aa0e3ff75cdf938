import { useId } from 'react'
import { PRESETS, presetRange } from '../lib/date-presets'
import { useSelectionStore } from '../state/selection-store'

export function DateRangeFields() {
  const id = useId()
  const { start, end, frequency } = useSelectionStore((s) => s.selection)
  const update = useSelectionStore((s) => s.update)
  return (
    <fieldset className="field-group">
      <legend>Date range (UTC, inclusive)</legend>
      <div className="presets" role="group" aria-label="Date presets">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" onClick={() => update(presetRange(p.id))}>
            {p.label}
          </button>
        ))}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-start`}>Start date</label>
          <input id={`${id}-start`} type="date" value={start} onChange={(e) => update({ start: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>End date</label>
          <input id={`${id}-end`} type="date" value={end} onChange={(e) => update({ end: e.target.value })} />
        </div>
      </div>
      {frequency === 'monthly' && <small className="hint">Monthly files cover every month the range touches.</small>}
    </fieldset>
  )
}
