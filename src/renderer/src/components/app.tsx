import { useApplyServerDefaults, useAppInfo } from '../hooks/use-app-info'
import { useJobEventFeed } from '../hooks/use-job'
import { ConnectionBadge } from './connection-badge'
import { LiveMonitor } from './live-monitor'
import { PlanPanel } from './plan-panel'
import { SelectionPanel } from './selection-panel'
import { SummaryPanel } from './summary-panel'

export function App() {
  useJobEventFeed()
  useApplyServerDefaults()
  const info = useAppInfo().data
  return (
    <div className="app">
      <header className="app-header">
        <h1>Archive Sync</h1>
        {info && (
          <span className="hint">
            v{info.version}
            {info.demo ? ' · demo archive' : ''} · source {info.defaults.sourceBucket}
          </span>
        )}
        <ConnectionBadge />
      </header>
      <main className="layout">
        <SelectionPanel />
        <div className="results">
          <PlanPanel />
          <SummaryPanel />
          <LiveMonitor />
        </div>
      </main>
    </div>
  )
}
