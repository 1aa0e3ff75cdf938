// The config builder's settings: a template, the modes, verification and the performance
// ranges, each generated from the config schema and validated inline with its CE code.
import { useId, useMemo } from 'react'
import { validateConfig } from '../../../shared/config/validate'
import { useJobConfig } from '../hooks/use-job-config'
import { enumChoices, perfRange, type EnumKey, type PerfKey } from '../lib/job-settings'
import { TEMPLATES } from '../lib/templates'
import { useSelectionStore } from '../state/selection-store'
import { useSettingsStore } from '../state/settings-store'
import { ConfigFileActions } from './config-file-actions'
import { SelectField } from './select-field'

const ENUMS: { key: EnumKey; label: string }[] = [
  { key: 'operation_mode', label: 'Operation mode' },
  { key: 'sync_mode', label: 'Sync mode' },
  { key: 'verify', label: 'Verify' },
  { key: 'destination_layout', label: 'Destination layout' },
]
const PERF: { key: PerfKey; label: string }[] = [
  { key: 'batch_size', label: 'Batch size' },
  { key: 'part_size_mb', label: 'Part size (MB)' },
  { key: 'retry_count', label: 'Retry count' },
]

function useFieldIssues() {
  const config = useJobConfig()
  return useMemo(() => {
    const r = validateConfig(config)
    return r.ok ? [] : r.issues
  }, [config])
}

export function JobSettingsFields() {
  const id = useId()
  const settings = useSettingsStore((s) => s.settings)
  const update = useSettingsStore((s) => s.update)
  const updateSelection = useSelectionStore((s) => s.update)
  const issues = useFieldIssues()

  const applyTemplate = (tid: string) => {
    const t = TEMPLATES.find((x) => x.id === tid)
    if (!t) return
    update(t.settings)
    updateSelection({ maxConcurrent: t.maxConcurrent })
  }

  return (
    <details className="field-group settings">
      <summary>Job settings</summary>
      <SelectField
        label="Template"
        value=""
        options={[{ value: '', label: 'Apply a template…' }, ...TEMPLATES.map((t) => ({ value: t.id, label: `${t.label} — ${t.description}` }))]}
        onChange={applyTemplate}
      />
      {ENUMS.map((f) => (
        <SelectField key={f.key} label={f.label} value={settings[f.key]} options={enumChoices(f.key).map((v) => ({ value: v, label: v }))} onChange={(v) => update({ [f.key]: v })} />
      ))}
      <label className="check">
        <input type="checkbox" checked={settings.include_checksums} onChange={(e) => update({ include_checksums: e.target.checked })} /> Copy .CHECKSUM files
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.frequencyAuto} onChange={(e) => update({ frequencyAuto: e.target.checked })} /> Both daily and monthly files (frequency auto)
      </label>
      <div className="field-row">
        {PERF.map((f) => {
          const range = perfRange(f.key)
          const problems = issues.filter((i) => i.field === `performance_optimization.${f.key}`)
          const fid = `${id}-${f.key}`
          return (
            <div className="field" key={f.key}>
              <label htmlFor={fid}>{f.label}</label>
              <input
                id={fid}
                type="number"
                min={range.min}
                max={range.max}
                step={1}
                aria-invalid={problems.length > 0}
                aria-describedby={`${fid}-hint`}
                value={Number.isFinite(settings[f.key]) ? settings[f.key] : ''}
                onChange={(e) => update({ [f.key]: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
              />
              <small id={`${fid}-hint`} className={problems.length ? 'inline-error' : 'hint'}>
                {problems.length ? problems.map((p) => `${p.code} ${p.message}`).join('; ') : `${range.min}–${range.max}, default ${range.default}`}
              </small>
            </div>
          )
        })}
      </div>
      <ConfigFileActions />
    </details>
  )
}
