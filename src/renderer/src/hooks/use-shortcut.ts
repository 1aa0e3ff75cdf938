import { useEffect, useRef } from 'react'
import { matchesShortcut, type ShortcutId } from '../lib/shortcuts'

/** Runs `onFire` on the shortcut while `enabled`; the listener lives as long as the component. */
export function useShortcut(id: ShortcutId, onFire: () => void, enabled: boolean): void {
  const fire = useRef(onFire)
  useEffect(() => {
    fire.current = onFire
  })
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (e: KeyboardEvent) => {
      if (!matchesShortcut(e, id) || e.repeat) return
      e.preventDefault()
      fire.current()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [id, enabled])
}
