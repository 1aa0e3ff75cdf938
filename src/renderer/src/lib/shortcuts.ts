// The keyboard shortcuts of a run, in one table: what the UI shows beside each button and what
// the listener matches. Alt + a letter, matched on the physical key (`code`), because on macOS
// Alt+S types "ß" and on other layouts the letter moves; no browser or OS binds these globally.
export type ShortcutId = 'start' | 'pause' | 'cancel'

export interface Shortcut {
  code: string
  /** As shown to people, and as aria-keyshortcuts wants it. */
  label: string
}

export const SHORTCUTS: Record<ShortcutId, Shortcut> = {
  start: { code: 'KeyS', label: 'Alt+S' },
  pause: { code: 'KeyP', label: 'Alt+P' },
  cancel: { code: 'KeyX', label: 'Alt+X' },
}

export function matchesShortcut(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>, id: ShortcutId): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === SHORTCUTS[id].code
}
