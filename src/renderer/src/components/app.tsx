import { useApplyServerDefaults, useAppInfo } from '../hooks/use-app-info'
import { useApplyTheme } from '../hooks/use-color-scheme'
import { useConfirmLeaveWhileRunning, useReopenRunningJob } from '../hooks/use-jobs'
import { useViewStore } from '../state/view-store'
import { AppNav } from './app-nav'
import { ConnectionBadge } from './connection-badge'
import { HistoryScreen } from './history-screen'
import { LiveMonitor } from './live-monitor'
import { PlanPanel } from './plan-panel'
import { ReportScreen } from './report-screen'
import { SelectionPanel } from './selection-panel'
import { SummaryPanel } from './summary-panel'

function CopyScreen() {
  return (
    <div className="layout">
      <SelectionPanel />
      <div className="results">
        <PlanPanel />
        <SummaryPanel />
        <LiveMonitor />
      </div>
    </div>
  )
}

export function App() {
  useApplyServerDefaults()
  useApplyTheme()
  useReopenRunningJob()
  useConfirmLeaveWhileRunning()
  const info = useAppInfo().data
  const screen = useViewStore((s) => s.screen)
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
        <AppNav />
        <ConnectionBadge />
      </header>
      <main>
        {screen === 'copy' && <CopyScreen />}
        {screen === 'history' && (
          <div className="page">
            <HistoryScreen />
          </div>
        )}
        {screen === 'report' && (
          <div className="page">
            <ReportScreen />
          </div>
        )}
      </main>
    </div>
  )
}
