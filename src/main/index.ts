// The desktop shell: a window and the IPC wiring. Every service comes from src/main/*.
import { app } from 'electron'
import { createApp } from './app'
import { bindIpc } from './electron/ipc'
import { notifyLongJobs } from './electron/notify'
import { createMainWindow, hardenApp } from './electron/window'

hardenApp()

app.whenReady().then(() => {
  const core = createApp({ transport: 'electron', dataDir: app.getPath('userData') })
  const win = createMainWindow()
  const unbind = bindIpc(core, win)
  const stopNotices = notifyLongJobs(core)
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => {
    unbind()
    stopNotices()
    void core.close()
  })
})
