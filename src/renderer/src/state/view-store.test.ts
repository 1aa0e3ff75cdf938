// @vitest-environment jsdom
// (localStorage is the point here: jsdom has one, plain Node 20 does not.)
import { afterEach, describe, expect, it, vi } from 'vitest'

async function freshStore() {
  vi.resetModules()
  return (await import('./view-store')).useViewStore
}

afterEach(() => localStorage.clear())

describe('view store persistence', () => {
  it('keeps the theme across page loads, and only the theme', async () => {
    const first = await freshStore()
    first.getState().setTheme('dark')
    first.getState().openReport('j1')
    const second = await freshStore()
    expect(second.getState()).toMatchObject({ theme: 'dark', screen: 'copy', reportJobId: null })
  })

  it('opens Report on the newest job from the nav, on a picked one from the history', async () => {
    const store = await freshStore()
    store.getState().openReport('j1')
    expect(store.getState()).toMatchObject({ screen: 'report', reportJobId: 'j1' })
    store.getState().show('history')
    store.getState().show('report')
    expect(store.getState().reportJobId).toBeNull()
  })

  it('falls back to the system theme when the stored value is not one it knows', async () => {
    localStorage.setItem('archive-sync.view', JSON.stringify({ state: { theme: 'purple' }, version: 0 }))
    expect((await freshStore()).getState().theme).toBe('system')
    localStorage.setItem('archive-sync.view', 'not json')
    expect((await freshStore()).getState().theme).toBe('system')
  })
})
