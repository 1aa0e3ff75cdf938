import { useViewStore, type Screen, type ThemeChoice } from '../state/view-store'

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'copy', label: 'Copy' },
  { id: 'history', label: 'History' },
  { id: 'report', label: 'Report' },
]

/** Screen switcher: plain buttons with aria-current, reachable with Tab and Enter. */
export function AppNav() {
  const screen = useViewStore((s) => s.screen)
  const show = useViewStore((s) => s.show)
  const theme = useViewStore((s) => s.theme)
  const setTheme = useViewStore((s) => s.setTheme)
  return (
    <>
      <nav aria-label="Screens" className="app-nav">
        {SCREENS.map((s) => (
          <button key={s.id} type="button" aria-current={screen === s.id ? 'page' : undefined} onClick={() => show(s.id)}>
            {s.label}
          </button>
        ))}
      </nav>
      <label className="theme-pick">
        Theme{' '}
        <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
          <option value="system">system</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </label>
    </>
  )
}
