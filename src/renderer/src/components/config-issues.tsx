import type { AppErrorData } from '../api/app-error'
import type { ConfigIssueView } from '../hooks/use-plan-preview'

/** CE-coded problems, shown where the user is looking, each with the fix from the code table. */
export function ConfigIssues({ issues }: { issues: readonly ConfigIssueView[] }) {
  if (issues.length === 0) return null
  return (
    <ul className="issues" aria-label="Configuration problems">
      {issues.map((i, n) => (
        <li key={`${i.code}-${i.field}-${n}`} className="issue">
          <span className="issue-code">{i.code}</span> <span className="issue-field">{i.field}</span>: {i.message}
          <div className="issue-fix">Fix: {i.fix}</div>
        </li>
      ))}
    </ul>
  )
}

/** Any error from a command: its code and message, plus the CE issues when it carries them. */
export function ErrorNote({ error, title }: { error: AppErrorData; title: string }) {
  return (
    <div className="error-note" role="alert">
      <p>
        <strong>{title}</strong> <span className="issue-code">{error.code}</span> {error.message}
      </p>
      {error.issues && <ConfigIssues issues={error.issues} />}
    </div>
  )
}
