import { useId } from 'react'
import { useSelectionStore } from '../state/selection-store'
import { SavedDestinations } from './saved-destinations'

export function DestinationFields() {
  const id = useId()
  const { destinationBucket, destinationPrefix, maxConcurrent } = useSelectionStore((s) => s.selection)
  const update = useSelectionStore((s) => s.update)
  return (
    <fieldset className="field-group">
      <legend>Destination</legend>
      <SavedDestinations />
      <div className="field">
        <label htmlFor={`${id}-bucket`}>Destination bucket</label>
        <input
          id={`${id}-bucket`}
          value={destinationBucket}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => update({ destinationBucket: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-prefix`}>Destination prefix</label>
        <input
          id={`${id}-prefix`}
          value={destinationPrefix}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-prefix-hint`}
          onChange={(e) => update({ destinationPrefix: e.target.value })}
        />
        <small id={`${id}-prefix-hint`} className="hint">
          Objects land at &lt;prefix&gt;/&lt;archive key&gt;.
        </small>
      </div>
      <div className="field">
        <label htmlFor={`${id}-conc`}>Max concurrent copies</label>
        <input
          id={`${id}-conc`}
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          step={1}
          value={Number.isFinite(maxConcurrent) ? maxConcurrent : ''}
          // An empty box is kept as NaN so validation says CE003 rather than silently using 0.
          onChange={(e) => update({ maxConcurrent: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
        />
      </div>
    </fieldset>
  )
}
