import { usePlanPreview } from '../hooks/use-plan-preview'
import { useStartJob } from '../hooks/use-job'
import { isActive } from '../lib/job-view'
import { useJobStore } from '../state/job-store'
import { ConfigIssues, ErrorNote } from './config-issues'
import { CoverageHeatmap } from './coverage-heatmap'
import { PlanFigures } from './plan-figures'
import { PreflightPanel } from './preflight-panel'

export function PlanPanel() {
  const { issues, plan, plannedConfig, pending, error } = usePlanPreview()
  const { start, starting, error: startError } = useStartJob()
  const jobRunning = useJobStore((s) => isActive(s.state))
  const nothingToDo = plan !== undefined && plan.toCopy === 0
  const canStart = plannedConfig !== null && !pending && !starting && !jobRunning && !nothingToDo

  return (
    <section className="panel plan-panel" role="region" aria-labelledby="plan-heading" aria-busy={pending}>
      <h2 id="plan-heading">Plan</h2>
      <div aria-live="polite">
        <ConfigIssues issues={issues} />
        {error && <ErrorNote title="The plan could not be made." error={error} />}
        {pending && <p className="hint">Planning…</p>}
      </div>
      {plan && <PlanFigures plan={plan} />}
      {plan && plan.objects + plan.missing > 0 && <CoverageHeatmap config={plannedConfig} />}
      {plan && plan.objects === 0 && <p className="hint">Nothing in the archive matches this selection.</p>}
      {plan && plan.objects > 0 && nothingToDo && <p className="hint">Nothing to copy: the destination already has every object.</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={!canStart} onClick={() => plannedConfig && start(plannedConfig, plan?.planId)}>
          {starting ? 'Starting…' : 'Start copy'}
        </button>
        {jobRunning && <span className="hint">A copy is running; wait for it or cancel it.</span>}
      </div>
      {startError && <ErrorNote title="The copy did not start." error={startError} />}
      <PreflightPanel />
    </section>
  )
}
