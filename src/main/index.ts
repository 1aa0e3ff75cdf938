// The desktop shell: a window and the IPC wiring. Every service comes from src/main/*.
import { join } from 'node:path'
import { app, type BrowserWindow } from 'electron'
import { createApp } from './app'
import { bindIpc } from './electron/ipc'
import { hardenApp } from './electron/harden'
import { chooseOutputFolder, createMainWindow } from './electron/window'
import { notifyLongJobs } from './electron/notify'

hardenApp()

app.whenReady().then(() => {
  const core = createApp({
    transport: 'electron',
    dataDir: app.getPath('userData'),
    outputRoot: join(app.getPath('downloads'), 'Archive Sync'),
    chooseOutputRoot: () => chooseOutputFolder(win),
  })
  const win: BrowserWindow = createMainWindow()
  const unbind = bindIpc(core, win)
  const stopNotices = notifyLongJobs(core)
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => {
    unbind()
    stopNotices()
    void core.close()
  })
})
