import { useApplyServerDefaults, useAppInfo } from '../hooks/use-app-info'
import { useDatasetDefaults } from '../hooks/use-dataset-defaults'
import { useJobEndNotifications } from '../hooks/use-job-notifications'
import { useApplyTheme } from '../hooks/use-color-scheme'
import { useConfirmLeaveWhileRunning, useReopenRunningJob } from '../hooks/use-jobs'
import { useViewStore } from '../state/view-store'
import { AppNav } from './app-nav'
import { ConnectionBadge } from './connection-badge'
import { CopyScreen } from './copy-screen'
import { HistoryScreen } from './history-screen'
import { JobsDock } from './jobs-dock'
import { ReportScreen } from './report-screen'

export function App() {
  useApplyServerDefaults()
  useApplyTheme()
  useReopenRunningJob()
  useConfirmLeaveWhileRunning()
  useDatasetDefaults()
  useJobEndNotifications()
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
      <JobsDock />
    </div>
  )
}
