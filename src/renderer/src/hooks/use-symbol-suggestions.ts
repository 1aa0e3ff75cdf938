import type { Frequency, Market } from '../../../shared/catalog'
import { knownSymbols } from '../lib/catalog-view'
import { useCommand } from './use-command'

/**
 * Symbols to suggest while typing. Discovery may be slow, unavailable offline or empty; the
 * picker then falls back to what the catalog knows and otherwise accepts free text.
 */
export function useSymbolSuggestions(market: Market, frequency: Frequency, dataType: string): readonly string[] {
  const { data } = useCommand('catalog:symbols', { market, frequency, dataType }, { staleTime: 10 * 60_000, retry: false })
  if (data && data.symbols.length > 0) return data.symbols
  return knownSymbols(market, frequency, dataType)
}
