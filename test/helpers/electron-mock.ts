// A stand-in for the `electron` module in unit tests (the binary cannot start on these
// machines): just the surfaces the shell uses, recording what was registered.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export type Listener = (...args: unknown[]) => unknown

export function makeElectronMock() {
  const handles = new Map<string, Listener>()
  const rendererListeners = new Map<string, Set<Listener>>()
  const exposed: Record<string, unknown> = {}
  const appEvents = new EventEmitter()
  const permission = { request: undefined as Listener | undefined, check: undefined as Listener | undefined }
  const electron = {
    ipcMain: {
      handle: vi.fn((name: string, fn: Listener) => handles.set(name, fn)),
      removeHandler: vi.fn((name: string) => handles.delete(name)),
    },
    ipcRenderer: {
      invoke: vi.fn(async (_name: string, _req: unknown): Promise<unknown> => ({ ok: true, response: {} })),
      on: vi.fn((ch: string, fn: Listener) => rendererListeners.set(ch, (rendererListeners.get(ch) ?? new Set()).add(fn))),
      removeListener: vi.fn((ch: string, fn: Listener) => rendererListeners.get(ch)?.delete(fn)),
    },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (exposed[key] = api)) },
    app: { on: (ev: string, fn: Listener) => appEvents.on(ev, fn), whenReady: () => Promise.resolve() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (permission.request = fn),
        setPermissionCheckHandler: (fn: Listener) => (permission.check = fn),
      },
    },
    shell: { openExternal: vi.fn(async () => {}) },
  }
  return { electron, handles, rendererListeners, exposed, appEvents, permission }
}
