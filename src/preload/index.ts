// The only bridge between the page and main: the contract's commands grouped by domain.
// No raw ipcRenderer is exposed; results are unwrapped into values or thrown errors.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { COMMAND_NAMES, JOB_EVENT_CHANNEL, groupApi, type ArchiveSyncApi, type JobEvent } from '../shared/contract'

type Reply = { ok: true; response: unknown } | { ok: false; error: { code: string; message: string } }

const api: ArchiveSyncApi = {
  async invoke(command, request) {
    const reply = (await ipcRenderer.invoke(command, request)) as Reply
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error)
    return reply.response as never
  },
  onJobEvent(listener) {
    const wrapped = (_e: IpcRendererEvent, event: JobEvent) => listener(event)
    ipcRenderer.on(JOB_EVENT_CHANNEL, wrapped)
    return () => void ipcRenderer.removeListener(JOB_EVENT_CHANNEL, wrapped)
  },
}

contextBridge.exposeInMainWorld('archiveSync', groupApi(api, COMMAND_NAMES))
