import { describe, expect, it } from 'vitest'
import { matchesShortcut, SHORTCUTS } from './shortcuts'

const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code, ...mods,
})

describe('run shortcuts', () => {
  it('match Alt + the physical key only', () => {
    expect(matchesShortcut(key('KeyS', { altKey: true }), 'start')).toBe(true)
    expect(matchesShortcut(key('KeyS'), 'start')).toBe(false)
    expect(matchesShortcut(key('KeyS', { altKey: true, ctrlKey: true }), 'start')).toBe(false)
    expect(matchesShortcut(key('KeyP', { altKey: true }), 'start')).toBe(false)
  })
  it('are distinct', () => {
    const codes = Object.values(SHORTCUTS).map((s) => s.code)
    expect(new Set(codes).size).toBe(codes.length)
  })
})
