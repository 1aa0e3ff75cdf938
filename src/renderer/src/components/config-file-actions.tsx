// Import and export of the spec's JSON job file: a file input and a download.
import { useId, useState } from 'react'
import { useJobConfig } from '../hooks/use-job-config'
import { downloadText } from '../lib/download'
import { importSpecJson } from '../lib/spec-json'
import { useSelectionStore } from '../state/selection-store'
import { useSettingsStore } from '../state/settings-store'

export function ConfigFileActions() {
  const id = useId()
  const config = useJobConfig()
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)

  const onFile = async (file: File | undefined) => {
    if (!file) return
    try {
      const r = importSpecJson(await file.text(), useSelectionStore.getState().selection)
      useSelectionStore.getState().update(r.selection)
      useSettingsStore.getState().replace(r.settings)
      setNote({ ok: true, text: [`Imported ${file.name}.`, ...r.notes].join(' ') })
    } catch (e) {
      setNote({ ok: false, text: `${file.name} could not be imported: ${(e as Error).message}` })
    }
  }

  return (
    <div className="actions config-file">
      <label htmlFor={`${id}-import`} className="button-like">
        Import job JSON
      </label>
      <input id={`${id}-import`} type="file" accept="application/json,.json" className="sr-only" onChange={(e) => void onFile(e.target.files?.[0])} />
      <button type="button" onClick={() => downloadText('archive-sync-job.json', 'application/json', JSON.stringify(config, null, 2))}>
        Export job JSON
      </button>
      {note && (
        <p role="status" className={note.ok ? 'hint' : 'inline-error'}>
          {note.text}
        </p>
      )}
    </div>
  )
}
