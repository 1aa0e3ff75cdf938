import { useId } from 'react'
import type { Option } from '../lib/catalog-view'

interface SelectFieldProps {
  label: string
  value: string
  options: readonly Option[]
  onChange(value: string): void
  hint?: string
}

export function SelectField({ label, value, options, onChange, hint }: SelectFieldProps) {
  const id = useId()
  const note = options.find((o) => o.value === value)?.note
  const help = hint ?? note
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={help ? `${id}-hint` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.note}>
            {o.label}
          </option>
        ))}
      </select>
      {help && (
        <small id={`${id}-hint`} className="hint">
          {help}
        </small>
      )}
    </div>
  )
}
