// Electron transport: the contract's handler table over ipcMain.handle, events to the window.
// Only our own window's frames may call.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { COMMAND_NAMES, JOB_EVENT_CHANNEL } from '../../shared/contract'
import type { App } from '../app'
import { dispatch, toErrorData } from '../handlers'

export function bindIpc(core: App, win: BrowserWindow): () => void {
  const trusted = (e: IpcMainInvokeEvent) => e.sender === win.webContents && e.senderFrame === win.webContents.mainFrame
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(name, async (e, request: unknown) => {
      if (!trusted(e)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Unknown sender' } }
      try {
        return { ok: true, response: await dispatch(core.handlers, name, request) }
      } catch (err) {
        return { ok: false, error: toErrorData(err) }
      }
    })
  }
  const unsubscribe = core.services.jobs.onEvent((e) => {
    if (!win.isDestroyed()) win.webContents.send(JOB_EVENT_CHANNEL, e)
  })
  return () => {
    unsubscribe()
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(name)
  }
}
