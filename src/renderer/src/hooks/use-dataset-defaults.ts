import { useEffect } from 'react'
import { useSelectionStore } from '../state/selection-store'
import { useCommand } from './use-command'
import { useSymbolSuggestions } from './use-symbol-suggestions'

/**
 * Defaults that find data: the dataset's first known symbol is suggested, and the date range
 * becomes the newest whole month the archive's listing has for it (not the clock's last week,
 * which an archive days behind, or a demo of past months, does not have).
 */
export function useDatasetDefaults(): void {
  const { market, frequency, dataType, interval, symbols } = useSelectionStore((s) => s.selection)
  const suggested = useSelectionStore((s) => s.suggestedSymbol)
  const datesTouched = useSelectionStore((s) => s.datesTouched)
  const known = useSymbolSuggestions(market, frequency, dataType)
  const first = known[0] ?? null
  useEffect(() => useSelectionStore.getState().suggest(first), [first])

  const symbol = symbols[0] ?? suggested
  const request = symbol && !datesTouched ? { market, frequency, dataType, symbol, ...(interval ? { interval } : {}) } : null
  const latest = useCommand('catalog:latest', request, { staleTime: 10 * 60_000, retry: false })
  const month = latest.data?.month
  useEffect(() => {
    if (month) useSelectionStore.getState().applyDefaultRange(month)
  }, [month])
}
