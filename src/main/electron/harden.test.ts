// Window and app hardening with `electron` mocked: navigation, redirects, frame navigation and
// webviews are prevented; new windows are denied and only allow-listed links reach the browser;
// every permission request and check is refused.
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { makeElectronMock } from '../../../test/helpers/electron-mock'
import { isAllowedExternal } from './external-links'

const m = vi.hoisted(() => ({ mock: undefined as ReturnType<typeof makeElectronMock> | undefined }))
vi.mock('electron', async () => {
  const { makeElectronMock: make } = await import('../../../test/helpers/electron-mock')
  m.mock = make()
  return m.mock.electron
})

function fakeContents() {
  const contents = Object.assign(new EventEmitter(), { openHandler: undefined as undefined | ((d: { url: string }) => { action: string }) })
  return Object.assign(contents, { setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (contents.openHandler = fn) })
}

describe('hardenApp', () => {
  it('prevents every navigation kind on every web contents', async () => {
    const { hardenApp } = await import('./harden')
    hardenApp()
    const contents = fakeContents()
    m.mock!.appEvents.emit('web-contents-created', {}, contents)
    for (const ev of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      contents.emit(ev, event, 'https://evil.example/')
      expect(event.preventDefault, ev).toHaveBeenCalled()
    }
  })

  it('denies new windows; only allow-listed https links open in the browser', async () => {
    const { hardenContents } = await import('./harden')
    const contents = fakeContents()
    hardenContents(contents as never)
    const open = m.mock!.electron.shell.openExternal
    open.mockClear()
    expect(contents.openHandler!({ url: 'https://evil.example/phish' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(open).not.toHaveBeenCalled()
    expect(contents.openHandler!({ url: 'https://github.com/peak/s5cmd/releases' })).toEqual({ action: 'deny' })
    expect(open).toHaveBeenCalledWith('https://github.com/peak/s5cmd/releases')
  })

  it('refuses every permission request and check', async () => {
    const { hardenApp } = await import('./harden')
    hardenApp()
    await Promise.resolve()
    const callback = vi.fn()
    m.mock!.permission.request!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(m.mock!.permission.check!({}, 'clipboard-read')).toBe(false)
  })
})

describe('isAllowedExternal', () => {
  it.each([
    ['https://data.binance.vision/?prefix=data/spot/', true],
    ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html', true],
    ['https://github.com/peak/s5cmd', true],
    ['https://github.com/peak/s5cmd-evil', false],
    ['https://github.com/evil/repo', false],
    ['http://data.binance.vision/', false],
    ['https://user:pw@docs.aws.amazon.com/', false],
    ['https://docs.aws.amazon.com.evil.example/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => expect(isAllowedExternal(url)).toBe(ok))
})
