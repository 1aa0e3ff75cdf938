import { usePlanPreview } from '../hooks/use-plan-preview'
import { useShortcut } from '../hooks/use-shortcut'
import { useStartJob } from '../hooks/use-job'
import { isActive } from '../lib/job-view'
import { SHORTCUTS } from '../lib/shortcuts'
import { useJobStore } from '../state/job-store'
import { useSelectionStore } from '../state/selection-store'
import { ConfigIssues, ErrorNote } from './config-issues'
import { CoverageHeatmap } from './coverage-heatmap'
import { PlanFigures } from './plan-figures'
import { PreflightPanel } from './preflight-panel'
import { PreviewPicker } from './preview-picker'

export function PlanPanel() {
  const { issues, plan, plannedConfig, pending, error } = usePlanPreview()
  const { start, starting, error: startError } = useStartJob()
  const jobRunning = useJobStore((s) => isActive(s.state))
  // Problems wait for the first input or a press of Start: a new user sees no error first.
  const touched = useSelectionStore((s) => s.touched)
  const nothingToDo = plan !== undefined && plan.toCopy === 0
  const canStart = plannedConfig !== null && !pending && !starting && !jobRunning && !nothingToDo
  const revealOnly = !touched && issues.length > 0
  const onStart = () => {
    if (revealOnly) useSelectionStore.getState().touch()
    else if (canStart && plannedConfig) start(plannedConfig, plan?.planId)
  }
  useShortcut('start', onStart, canStart || revealOnly)

  return (
    <section className="panel plan-panel" role="region" aria-labelledby="plan-heading" aria-busy={pending}>
      <h2 id="plan-heading">Plan</h2>
      <div aria-live="polite">
        <ConfigIssues issues={touched ? issues : []} />
        {error && <ErrorNote title="The plan could not be made." error={error} />}
        {pending && <p className="hint">Planning…</p>}
      </div>
      {plan && <PlanFigures plan={plan} />}
      <div className="actions">
        <button type="button" className="primary" disabled={!canStart && !revealOnly} onClick={onStart} aria-keyshortcuts={SHORTCUTS.start.label}>
          {starting ? 'Starting…' : 'Start copy'}
        </button>
        <kbd className="shortcut" aria-hidden="true">
          {SHORTCUTS.start.label}
        </kbd>
        {jobRunning && <span className="hint">A copy is running; wait for it or cancel it.</span>}
      </div>
      {startError && <ErrorNote title="The copy did not start." error={startError} />}
      {plan && plan.objects > 0 && <PreviewPicker config={plannedConfig} />}
      {plan && plan.objects + plan.missing > 0 && <CoverageHeatmap config={plannedConfig} />}
      {plan && plan.objects === 0 && <p className="hint">Nothing in the archive matches this selection.</p>}
      {plan && plan.objects > 0 && nothingToDo && <p className="hint">Nothing to copy: the destination already has every object.</p>}
      <PreflightPanel />
    </section>
  )
}
