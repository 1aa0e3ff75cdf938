// The preload bridge with `electron` mocked: the page gets the contract grouped by domain and
// nothing else; replies are unwrapped into values or errors with their code; job events reach
// every listener until it unsubscribes.
import { describe, expect, it, vi } from 'vitest'
import type { makeElectronMock } from '../../test/helpers/electron-mock'
import { COMMAND_NAMES, type GroupedApi, type JobEvent } from '../shared/contract'

const m = vi.hoisted(() => ({ mock: undefined as ReturnType<typeof makeElectronMock> | undefined }))
vi.mock('electron', async () => {
  const { makeElectronMock: make } = await import('../../test/helpers/electron-mock')
  m.mock = make()
  return m.mock.electron
})

async function bridge() {
  await import('./index')
  return { api: m.mock!.exposed.archiveSync as GroupedApi, ...m.mock! }
}

describe('preload bridge', () => {
  it('exposes one function per contract command under its domain, and no raw ipcRenderer', async () => {
    const { api, electron } = await bridge()
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    for (const name of COMMAND_NAMES) {
      const [domain, verb] = name.split(':')
      expect(typeof (api as unknown as Record<string, Record<string, unknown>>)[domain][verb], name).toBe('function')
    }
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send/)
  })

  it('invokes the command by name and unwraps the reply; an error reply throws with its code', async () => {
    const { api, electron } = await bridge()
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, response: { jobId: 'j1' } })
    await expect(api.jobs.start({ config: {} })).resolves.toEqual({ jobId: 'j1' })
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('jobs:start', { config: {} })
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'CONFIG_INVALID', message: 'CE018 s5cmd_path' } })
    await expect(api.preflight.run({ config: {} })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: 'CE018 s5cmd_path' })
  })

  it('fans job events out to each listener until it unsubscribes', async () => {
    const { api, rendererListeners } = await bridge()
    const a = vi.fn()
    const b = vi.fn()
    const offA = api.events.onJob(a)
    api.events.onJob(b)
    const event: JobEvent = { type: 'state', jobId: 'j1', state: 'running' }
    const emit = () => {
      for (const l of rendererListeners.get('jobs:event') ?? []) l({ sender: 'main' }, event)
    }
    emit()
    offA()
    emit()
    expect(a.mock.calls).toEqual([[event]])
    expect(b.mock.calls).toEqual([[event], [event]])
  })
})
