// The form's state. Every update goes through `reconcile`, so the selects never offer or
// hold a combination the catalog does not have.
import { create } from 'zustand'
import { addDays, formatDay } from '../../../shared/dates'
import { reconcile, type Selection } from '../lib/selection'

interface SelectionStore {
  selection: Selection
  /** Set once the server's defaults were applied, so they never overwrite what was typed. */
  defaultsApplied: boolean
  /** Set by the first input in the form or a press of Start: problems are shown from then on. */
  touched: boolean
  /** Set once the user picks dates: the dataset's default range no longer replaces them. */
  datesTouched: boolean
  /** The first known symbol of the dataset, planned while none is chosen. */
  suggestedSymbol: string | null
  update(patch: Partial<Selection>): void
  applyDefaults(d: { destinationBucket: string | null; destinationPrefix: string }): void
  touch(): void
  suggest(symbol: string | null): void
  /** The newest whole month the archive has for the dataset, unless the user chose dates. */
  applyDefaultRange(range: { start: string; end: string }): void
}

/** The last seven closed UTC days until the archive's listing gives the dataset's newest month. */
function initialSelection(now = new Date()): Selection {
  const yesterday = addDays(new Date(`${formatDay(now)}T00:00:00Z`), -1)
  return reconcile({
    market: 'spot',
    dataType: 'klines',
    frequency: 'daily',
    interval: '1h',
    symbols: [],
    start: formatDay(addDays(yesterday, -6)),
    end: formatDay(yesterday),
    destinationBucket: '',
    destinationPrefix: '',
    maxConcurrent: 10,
  })
}

export const useSelectionStore = create<SelectionStore>()((set) => ({
  selection: initialSelection(),
  defaultsApplied: false,
  touched: false,
  datesTouched: false,
  suggestedSymbol: null,
  update(patch) {
    set((s) => ({
      selection: reconcile({ ...s.selection, ...patch }),
      datesTouched: s.datesTouched || patch.start !== undefined || patch.end !== undefined,
    }))
  },
  touch() {
    set((s) => (s.touched ? s : { touched: true }))
  },
  suggest(symbol) {
    set((s) => (s.suggestedSymbol === symbol ? s : { suggestedSymbol: symbol }))
  },
  applyDefaultRange(range) {
    set((s) => (s.datesTouched || (s.selection.start === range.start && s.selection.end === range.end) ? s : { selection: { ...s.selection, ...range } }))
  },
  applyDefaults(d) {
    set((s) => {
      if (s.defaultsApplied) return s
      const sel = s.selection
      return {
        defaultsApplied: true,
        selection: {
          ...sel,
          destinationBucket: sel.destinationBucket || (d.destinationBucket ?? ''),
          destinationPrefix: sel.destinationPrefix || d.destinationPrefix,
        },
      }
    })
  },
}))
