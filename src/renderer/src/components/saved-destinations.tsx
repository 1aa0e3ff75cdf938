// Destinations saved by name (in main's data folder) and the AWS profiles of this machine.
// Only names, buckets, prefixes and regions cross: the profiles' keys stay in main.
import { useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { commandKey } from '../api/command-query'
import { useCommand, useCommandMutation } from '../hooks/use-command'
import { useSelectionStore } from '../state/selection-store'
import { useSettingsStore } from '../state/settings-store'
import { ErrorNote } from './config-issues'
import { SelectField } from './select-field'

export function SavedDestinations() {
  const id = useId()
  const queryClient = useQueryClient()
  const destinations = useCommand('destinations:list', {})
  const profiles = useCommand('profiles:list', {}, { staleTime: 60_000 })
  const [name, setName] = useState('')
  const save = useCommandMutation('destinations:save', { onSuccess: (r) => queryClient.setQueryData(commandKey('destinations:list', {}), r) })
  const saveCurrent = () => {
    const sel = useSelectionStore.getState().selection
    const s = useSettingsStore.getState().settings
    save.mutate({
      destination: { name: name.trim(), kind: 's3', bucket: sel.destinationBucket, prefix: sel.destinationPrefix, ...(s.profile ? { profile: s.profile } : {}), ...(s.region ? { region: s.region } : {}) },
    })
  }
  const profile = useSettingsStore((s) => s.settings.profile)
  const list = destinations.data?.destinations ?? []

  const apply = (n: string) => {
    const d = list.find((x) => x.name === n)
    if (!d) return
    useSelectionStore.getState().update({ destinationBucket: d.bucket ?? '', destinationPrefix: d.prefix })
    useSettingsStore.getState().update({ profile: d.profile ?? '', region: d.region ?? '' })
  }

  return (
    <>
      {list.length > 0 && <SelectField label="Saved destination" value="" options={[{ value: '', label: 'Use a saved destination…' }, ...list.map((d) => ({ value: d.name, label: `${d.name} — s3://${d.bucket}/${d.prefix}` }))]} onChange={apply} />}
      <SelectField
        label="AWS profile"
        value={profile}
        options={[{ value: '', label: 'server default credentials' }, ...(profiles.data?.profiles ?? []).map((p) => ({ value: p.name, label: p.region ? `${p.name} (${p.region})` : p.name }))]}
        onChange={(v) => useSettingsStore.getState().update({ profile: v, region: profiles.data?.profiles.find((p) => p.name === v)?.region ?? '' })}
      />
      <div className="field">
        <label htmlFor={`${id}-name`}>Save destination as</label>
        <div className="symbol-entry">
          <input id={`${id}-name`} value={name} placeholder="e.g. research lake" onChange={(e) => setName(e.target.value)} />
          <button type="button" disabled={!name.trim() || save.isPending} onClick={saveCurrent}>
            Save
          </button>
        </div>
        {save.isSuccess && (
          <small role="status" className="hint">
            Saved “{name.trim()}”.
          </small>
        )}
      </div>
      {save.appError && <ErrorNote title="The destination was not saved." error={save.appError} />}
    </>
  )
}
