import { DatasetFields } from './dataset-fields'
import { DateRangeFields } from './date-range-fields'
import { DestinationFields } from './destination-fields'
import { JobSettingsFields } from './job-settings-fields'
import { SymbolPicker } from './symbol-picker'
import { useSelectionStore } from '../state/selection-store'

export function SelectionPanel() {
  // Any input or press inside the form counts as touching it: problems are shown from then on.
  const touch = useSelectionStore((s) => s.touch)
  return (
    <section className="panel selection-panel" role="region" aria-labelledby="selection-heading" onChangeCapture={touch} onClickCapture={touch}>
      <h2 id="selection-heading">Selection</h2>
      {/* Not a <form>: nothing is submitted from here; Start lives with the plan it starts. */}
      <DatasetFields />
      <div className="field-group">
        <SymbolPicker />
      </div>
      <DateRangeFields />
      <DestinationFields />
      <JobSettingsFields />
    </section>
  )
}
