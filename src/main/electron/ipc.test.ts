// The Electron IPC binding with `electron` mocked: only our window's main frame may call, every
// request goes through the contract's zod schemas (and the client-config key rules), and job
// events fan out to the window until it is unbound.
import { describe, expect, it, vi } from 'vitest'
import type { JobEvent } from '../../shared/contract'
import type { makeElectronMock, Listener } from '../../../test/helpers/electron-mock'

const m = vi.hoisted(() => ({ mock: undefined as ReturnType<typeof makeElectronMock> | undefined }))
vi.mock('electron', async () => {
  const { makeElectronMock: make } = await import('../../../test/helpers/electron-mock')
  m.mock = make()
  return m.mock.electron
})

async function setup() {
  const { bindIpc } = await import('./ipc')
  m.mock!.handles.clear()
  const mainFrame = { url: 'file:///app/index.html' }
  const webContents = { mainFrame, send: vi.fn() }
  const win = { webContents, isDestroyed: vi.fn(() => false) }
  const listeners = new Set<(e: JobEvent) => void>()
  const info = vi.fn(async () => ({ version: '0', transport: 'electron' }))
  const preview = vi.fn(async () => ({}))
  const core = {
    handlers: { 'app:info': info, 'plan:preview': preview, 'jobs:status': vi.fn() },
    services: { jobs: { onEvent: (l: (e: JobEvent) => void) => (listeners.add(l), () => listeners.delete(l)) } },
  }
  const unbind = bindIpc(core as never, win as never)
  const call = (name: string, request: unknown, sender: unknown = webContents, senderFrame: unknown = mainFrame) =>
    (m.mock!.handles.get(name) as Listener)({ sender, senderFrame }, request) as Promise<Record<string, unknown>>
  return { ...m.mock!, win, webContents, listeners, info, preview, unbind, call }
}

describe('bindIpc', () => {
  it('answers our window and refuses another sender or a subframe without calling the handler', async () => {
    const t = await setup()
    expect(await t.call('app:info', {})).toEqual({ ok: true, response: { version: '0', transport: 'electron' } })
    expect(await t.call('app:info', {}, { other: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.call('app:info', {}, t.webContents, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(t.info).toHaveBeenCalledTimes(1)
  })

  it('validates every request with the contract before a handler sees it', async () => {
    const t = await setup()
    expect(await t.call('jobs:status', { jobId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const r = await t.call('plan:preview', { config: { s5cmd_path: '/usr/bin/id', destination_bukket: 'x' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } })
    const codes = ((r.error as { issues: { code: string; message: string }[] }).issues ?? []).map((i) => `${i.code} ${i.message}`)
    expect(codes).toEqual([expect.stringMatching(/^CE018 "s5cmd_path"/), expect.stringMatching(/^CE017 .*did you mean "destination_bucket"/)])
    expect(t.preview).not.toHaveBeenCalled()
  })

  it('binds one handler per command and removes them all on unbind', async () => {
    const t = await setup()
    const { COMMAND_NAMES } = await import('../../shared/contract')
    expect([...t.handles.keys()].sort()).toEqual([...COMMAND_NAMES].sort())
    t.unbind()
    expect(t.handles.size).toBe(0)
  })

  it('fans job events out to the window, skips a destroyed one, and stops after unbind', async () => {
    const t = await setup()
    const event: JobEvent = { type: 'log', jobId: 'j1', level: 'info', message: 'hi' }
    for (const l of t.listeners) l(event)
    expect(t.webContents.send).toHaveBeenCalledWith('jobs:event', event)
    t.win.isDestroyed.mockReturnValue(true)
    for (const l of t.listeners) l(event)
    expect(t.webContents.send).toHaveBeenCalledTimes(1)
    t.unbind()
    expect(t.listeners.size).toBe(0)
  })
})
