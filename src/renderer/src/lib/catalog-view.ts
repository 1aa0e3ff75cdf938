// The archive catalog seen as form options: what each select offers for the current selection.
import { CATALOG, IRREGULAR_INTERVALS, dataTypesOf, frequenciesOf, type DataTypeStatus, type Frequency, type Market } from '../../../shared/catalog'

export interface Option {
  value: string
  label: string
  /** Why a person might not want it (stopped, irregular...); shown as a tooltip. */
  note?: string
}

const STATUS_LABEL: Partial<Record<DataTypeStatus, string>> = {
  stopped: 'stopped',
  uncertain: 'uncertain',
  removed: 'removed',
}

/** The status of a data type at whichever frequency lists it first; they agree in the catalog. */
function statusOf(market: Market, dataType: string): { status: DataTypeStatus; note?: string } {
  for (const f of frequenciesOf(market, dataType)) {
    const spec = CATALOG[market][f][dataType]
    if (spec) return { status: spec.status, note: spec.note }
  }
  return { status: 'active' }
}

export function dataTypeOptions(market: Market): Option[] {
  return dataTypesOf(market).map((dt) => {
    const { status, note } = statusOf(market, dt)
    const tag = STATUS_LABEL[status]
    return { value: dt, label: tag ? `${dt} (${tag})` : dt, ...(note ? { note } : {}) }
  })
}

export function frequencyOptions(market: Market, dataType: string): Option[] {
  return frequenciesOf(market, dataType).map((f) => ({ value: f, label: f }))
}

export function needsInterval(market: Market, frequency: Frequency, dataType: string): boolean {
  return CATALOG[market][frequency][dataType]?.needsInterval ?? false
}

export function intervalOptions(market: Market, frequency: Frequency, dataType: string): Option[] {
  const spec = CATALOG[market][frequency][dataType]
  return (spec?.intervals ?? []).map((iv) => {
    const until = spec?.intervalUntil?.[iv]
    if (until) return { value: iv, label: `${iv} (ended ${until})`, note: `this tree has no ${iv} files after ${until}` }
    return IRREGULAR_INTERVALS.includes(iv) ? { value: iv, label: `${iv} (irregular)`, note: 'published irregularly: expect gaps' } : { value: iv, label: iv }
  })
}

/** Symbols the catalog itself knows for a data type (options), used when discovery has none. */
export function knownSymbols(market: Market, frequency: Frequency, dataType: string): readonly string[] {
  return CATALOG[market][frequency][dataType]?.knownSymbols ?? []
}

export interface MatrixCell {
  frequencies: Frequency[]
  intervals: number
  status: DataTypeStatus
  note?: string
}

/** Markets × data types: for each data type, what each market offers (null where it has none). */
export function archiveMatrix(markets: readonly Market[]): { dataType: string; cells: (MatrixCell | null)[] }[] {
  const types = [...new Set(markets.flatMap((m) => dataTypesOf(m)))]
  return types.map((dataType) => ({
    dataType,
    cells: markets.map((m) => {
      const frequencies = frequenciesOf(m, dataType)
      if (frequencies.length === 0) return null
      const intervals = new Set(frequencies.flatMap((f) => CATALOG[m][f][dataType].intervals ?? [])).size
      return { frequencies, intervals, ...statusOf(m, dataType) }
    }),
  }))
}
