import type { ReactElement } from 'react'
import { isActive, isTerminal } from '../lib/job-view'
import { useJobStore } from '../state/job-store'
import { FilePreview } from './file-preview'
import { LiveMonitor } from './live-monitor'
import { PlanPanel } from './plan-panel'
import { SelectionPanel } from './selection-panel'
import { SummaryPanel } from './summary-panel'

/**
 * Select → plan → run → report. The selection stays at hand on the left; the right column puts
 * what matters now on top: the plan, then the live monitor as soon as a job starts, then the
 * finished job's summary. Keyed, so reordering moves panels without remounting them.
 */
export function CopyScreen() {
  const state = useJobStore((s) => s.state)
  const panels: Record<string, ReactElement> = {
    summary: <SummaryPanel key="summary" />,
    monitor: <LiveMonitor key="monitor" />,
    preview: <FilePreview key="preview" />,
    plan: <PlanPanel key="plan" />,
  }
  const order = isActive(state) ? ['monitor', 'plan', 'preview'] : isTerminal(state) ? ['summary', 'monitor', 'plan', 'preview'] : ['plan', 'preview']
  return (
    <div className="layout">
      <SelectionPanel />
      <div className="results">{order.map((k) => panels[k])}</div>
    </div>
  )
}
