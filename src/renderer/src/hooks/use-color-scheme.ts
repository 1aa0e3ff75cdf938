import { useEffect, useSyncExternalStore } from 'react'
import { useViewStore } from '../state/view-store'

const QUERY = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(QUERY)
  mq.addEventListener('change', onChange)
  return () => mq.removeEventListener('change', onChange)
}

/** Canvas charts cannot read CSS variables live; they redraw when this changes. */
export function useColorScheme(): 'dark' | 'light' {
  const system = useSyncExternalStore(subscribe, () => (window.matchMedia(QUERY).matches ? 'dark' : 'light'))
  const theme = useViewStore((s) => s.theme)
  return theme === 'system' ? system : theme
}

/** The chosen theme as `data-theme` on <html>; the stylesheet keys its variables on it. */
export function useApplyTheme(): void {
  const theme = useViewStore((s) => s.theme)
  useEffect(() => {
    if (theme === 'system') document.documentElement.removeAttribute('data-theme')
    else document.documentElement.setAttribute('data-theme', theme)
  }, [theme])
}
