import { useId, useState, type KeyboardEvent } from 'react'
import { useSymbolSuggestions } from '../hooks/use-symbol-suggestions'
import { addSymbols, isValidSymbol, parseSymbols } from '../lib/selection'
import { useSelectionStore } from '../state/selection-store'

/** A datalist of thousands of entries slows typing down; the first few hundred matches suffice. */
const MAX_SUGGESTIONS = 300

export function SymbolPicker() {
  const id = useId()
  const { market, frequency, dataType, symbols } = useSelectionStore((s) => s.selection)
  const update = useSelectionStore((s) => s.update)
  const suggested = useSelectionStore((s) => s.suggestedSymbol)
  const suggestions = useSymbolSuggestions(market, frequency, dataType)
  const [draft, setDraft] = useState('')
  const [rejected, setRejected] = useState<string[]>([])

  const commit = () => {
    const typed = parseSymbols(draft)
    if (typed.length === 0) return
    setRejected(typed.filter((s) => !isValidSymbol(s)))
    update({ symbols: addSymbols(symbols, typed.filter(isValidSymbol)) })
    setDraft('')
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault()
      commit()
    } else if (e.key === 'Backspace' && draft === '' && symbols.length > 0) {
      update({ symbols: symbols.slice(0, -1) })
    }
  }

  const needle = draft.trim().toUpperCase()
  const shown = suggestions.filter((s) => !symbols.includes(s) && s.startsWith(needle)).slice(0, MAX_SUGGESTIONS)

  return (
    <div className="field symbol-picker">
      <label htmlFor={id}>Symbols</label>
      <div className="symbol-entry">
        <input
          id={id}
          value={draft}
          list={`${id}-list`}
          autoComplete="off"
          spellCheck={false}
          placeholder="BTCUSDT"
          aria-describedby={`${id}-hint`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={commit} disabled={draft.trim() === ''}>
          Add
        </button>
      </div>
      <datalist id={`${id}-list`}>
        {shown.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <small id={`${id}-hint`} className="hint">
        Press Enter to add; paste several separated by commas.
        {suggestions.length > 0 ? ` ${suggestions.length.toLocaleString('en-US')} known.` : ''}
      </small>
      {rejected.length > 0 && (
        <p className="inline-error" role="alert">
          Not a symbol: {rejected.join(', ')} (letters, digits, _ and - only)
        </p>
      )}
      {symbols.length === 0 && suggested && (
        <p className="hint suggested">
          None chosen: the plan uses <strong>{suggested}</strong>, the first known symbol.{' '}
          <button type="button" className="link" onClick={() => update({ symbols: [suggested] })}>
            Keep {suggested}
          </button>
        </p>
      )}
      <ul className="chips" aria-label="Selected symbols">
        {symbols.map((s) => (
          <li key={s} className="chip">
            <span>{s}</span>
            <button type="button" aria-label={`Remove ${s}`} onClick={() => update({ symbols: symbols.filter((x) => x !== s) })}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
