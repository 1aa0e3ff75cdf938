// Preflight before Start: each check green, amber or red, with the fix. Run on demand (it
// writes and deletes a probe object), and dropped as soon as the config changes.
import { useEffect, useMemo } from 'react'
import { validateConfig } from '../../../shared/config/validate'
import type { PreflightLine } from '../../../shared/contract'
import { useCommandMutation } from '../hooks/use-command'
import { useJobConfig } from '../hooks/use-job-config'
import type { JobConfigInput } from '../lib/selection'
import { ErrorNote } from './config-issues'

const MARK: Record<PreflightLine['status'], string> = { ok: 'OK', warn: 'Warning', fail: 'Failed' }

/** The form's config when it passes the local rules: preflight must work even when planning fails (a missing bucket). */
function usePreflightConfig(): JobConfigInput | null {
  const config = useJobConfig()
  return useMemo(() => (validateConfig(config).ok ? config : null), [config])
}

export function PreflightPanel() {
  const config = usePreflightConfig()
  const mutation = useCommandMutation('preflight:run')
  const key = config ? JSON.stringify(config) : null
  const { reset } = mutation
  useEffect(() => reset(), [key, reset])
  const result = mutation.data
  const error = mutation.appError

  return (
    <div className="preflight" aria-live="polite" aria-busy={mutation.isPending}>
      <div className="actions">
        <button type="button" disabled={!config || mutation.isPending} onClick={() => config && mutation.mutate({ config })}>
          {mutation.isPending ? 'Checking…' : 'Run preflight'}
        </button>
        {result && <span className={result.ok ? 'state state-completed' : 'state state-failed'}>{result.ok ? 'ready to start' : 'fix the red lines first'}</span>}
      </div>
      {error && <ErrorNote title="Preflight could not run." error={error} />}
      {result && (
        <ul className="preflight-lines" aria-label="Preflight checks">
          {result.lines.map((l) => (
            <li key={l.check} className={`preflight-line preflight-${l.status}`}>
              <span className="preflight-mark">{MARK[l.status]}</span>
              <div>
                <strong>{l.title}</strong>: {l.detail}
                {l.code && <span className="issue-code"> {l.code}</span>}
                {l.fix && <div className="issue-fix">Fix: {l.fix}</div>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
