import { useId, useState } from 'react'
import { usePreviewFiles } from '../hooks/use-file-preview'
import type { JobConfigInput } from '../lib/selection'
import { useViewStore } from '../state/view-store'

/** Pick one planned file and open its first rows: a look at the data before copying it. */
export function PreviewPicker({ config }: { config: JobConfigInput | null }) {
  const id = useId()
  const files = usePreviewFiles(config)
  const openPreview = useViewStore((s) => s.openPreview)
  const [picked, setPicked] = useState('')
  if (files.length === 0) return null
  const key = files.some((f) => f.key === picked) ? picked : files[0].key
  return (
    <div className="preview-picker field-row">
      <div className="field">
        <label htmlFor={id}>File to preview</label>
        <select id={id} value={key} onChange={(e) => setPicked(e.target.value)}>
          {files.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={() => openPreview(key)}>
        Preview
      </button>
    </div>
  )
}
