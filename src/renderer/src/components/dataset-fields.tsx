import { MARKETS, type Frequency } from '../../../shared/catalog'
import { dataTypeOptions, frequencyOptions, intervalOptions, needsInterval } from '../lib/catalog-view'
import { isMarket } from '../lib/selection'
import { useSelectionStore } from '../state/selection-store'
import { MatrixGrid } from './matrix-grid'
import { SelectField } from './select-field'

const MARKET_OPTIONS = MARKETS.map((m) => ({ value: m, label: m }))

/** Market → data type → frequency → interval: each select offers only what the one before allows. */
export function DatasetFields() {
  const selection = useSelectionStore((s) => s.selection)
  const update = useSelectionStore((s) => s.update)
  const { market, dataType, frequency, interval } = selection

  return (
    <fieldset className="field-group">
      <legend>Dataset</legend>
      <MatrixGrid />
      <SelectField
        label="Market"
        value={market}
        options={MARKET_OPTIONS}
        onChange={(v) => {
          if (isMarket(v)) update({ market: v })
        }}
      />
      <SelectField label="Data type" value={dataType} options={dataTypeOptions(market)} onChange={(v) => update({ dataType: v })} />
      <SelectField
        label="Frequency"
        value={frequency}
        options={frequencyOptions(market, dataType)}
        onChange={(v) => update({ frequency: v as Frequency })}
      />
      {needsInterval(market, frequency, dataType) && (
        <SelectField
          label="Interval"
          value={interval}
          options={intervalOptions(market, frequency, dataType)}
          onChange={(v) => update({ interval: v })}
        />
      )}
    </fieldset>
  )
}
