import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { askNotificationOnce, notifyJobEnd } from './browser-notify'

/** A stand-in for the browser's Notification API: records what was shown and asked. */
function fakeNotification(permission: NotificationPermission) {
  const shown: { title: string; body?: string }[] = []
  const requestPermission = vi.fn(async () => permission)
  class FakeNotification {
    static permission = permission
    static requestPermission = requestPermission
    constructor(title: string, options?: { body?: string }) {
      shown.push({ title, body: options?.body })
    }
  }
  vi.stubGlobal('Notification', FakeNotification)
  return { shown, requestPermission }
}

beforeEach(() => {
  const store = new Map<string, string>()
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) })
})
afterEach(() => vi.unstubAllGlobals())

describe('browser notifications', () => {
  it('ask for permission once only', () => {
    const { requestPermission } = fakeNotification('default')
    askNotificationOnce()
    askNotificationOnce()
    expect(requestPermission).toHaveBeenCalledTimes(1)
  })

  it('show a job end after a minute, when permitted', () => {
    const { shown } = fakeNotification('granted')
    notifyJobEnd('completed', 'spot klines 1h', 30_000)
    expect(shown).toEqual([])
    notifyJobEnd('completed', 'spot klines 1h', 90_000)
    expect(shown).toEqual([{ title: 'Archive Sync: copy finished', body: 'spot klines 1h — completed after 2 min.' }])
  })

  it('show nothing when refused', () => {
    const { shown } = fakeNotification('denied')
    notifyJobEnd('failed', 'x', 600_000)
    expect(shown).toEqual([])
  })
})
