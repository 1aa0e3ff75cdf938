// The form's state. Every update goes through `reconcile`, so the selects never offer or
// hold a combination the catalog does not have.
import { create } from 'zustand'
import { addDays, formatDay } from '../../../shared/dates'
import { reconcile, type Selection } from '../lib/selection'

interface SelectionStore {
  selection: Selection
  /** Set once the server's defaults were applied, so they never overwrite what was typed. */
  defaultsApplied: boolean
  update(patch: Partial<Selection>): void
  applyDefaults(d: { destinationBucket: string | null; destinationPrefix: string }): void
}

/** The last seven closed UTC days: the archive publishes a day after it ends. */
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
  update(patch) {
    set((s) => ({ selection: reconcile({ ...s.selection, ...patch }) }))
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
