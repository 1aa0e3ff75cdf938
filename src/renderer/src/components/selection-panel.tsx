import { DatasetFields } from './dataset-fields'
import { DateRangeFields } from './date-range-fields'
import { DestinationFields } from './destination-fields'
import { JobSettingsFields } from './job-settings-fields'
import { SymbolPicker } from './symbol-picker'

export function SelectionPanel() {
  return (
    <section className="panel selection-panel" role="region" aria-labelledby="selection-heading">
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
