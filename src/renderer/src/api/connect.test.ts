// Browser mode's token leaves the address bar on load and survives a reload of the same tab.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connect } from './connect'

function fakeWindow(search: string, storage = new Map<string, string>()) {
  const sockets: string[] = []
  vi.stubGlobal(
    'WebSocket',
    class {
      readyState = 0
      onopen = null
      onclose = null
      onerror = null
      onmessage = null
      constructor(url: string) {
        sockets.push(url)
      }
      send() {}
      close() {}
    },
  )
  const location = { search, pathname: '/', hash: '#/history', protocol: 'http:', host: '127.0.0.1:5000' }
  const history = { state: null, replaceState: vi.fn((_s: unknown, _t: string, url: string) => Object.assign(location, { search: url.includes('?') ? url.slice(url.indexOf('?'), url.indexOf('#')) : '' })) }
  const sessionStorage = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) }
  return { win: { location, history, sessionStorage } as unknown as Window, history, location, sockets, storage }
}

describe('connect (browser mode)', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('takes the token out of the URL, keeps other parameters and the hash, and connects with it', () => {
    const t = fakeWindow('?token=abc123&view=report')
    expect(connect(t.win).ok).toBe(true)
    expect(t.history.replaceState).toHaveBeenCalledWith(null, '', '/?view=report#/history')
    expect(t.location.search).not.toContain('abc123')
    expect(t.sockets).toEqual(['ws://127.0.0.1:5000/ws?token=abc123'])
  })

  it('a reload of the same tab connects from sessionStorage; a fresh tab without the token is told what to open', () => {
    const storage = new Map<string, string>()
    connect(fakeWindow('?token=abc123', storage).win)
    const reload = fakeWindow('', storage)
    expect(connect(reload.win).ok).toBe(true)
    expect(reload.sockets).toEqual(['ws://127.0.0.1:5000/ws?token=abc123'])
    expect(connect(fakeWindow('').win)).toMatchObject({ ok: false, reason: expect.stringContaining('?token=') })
  })
})
