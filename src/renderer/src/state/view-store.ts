// Which screen is shown, which job's report is open, and the theme. View state only: the data
// each screen shows comes from queries and the job store.
import { create } from 'zustand'

export type Screen = 'copy' | 'history' | 'report'
export type ThemeChoice = 'system' | 'light' | 'dark'

const THEME_KEY = 'archive-sync.theme'

function savedTheme(): ThemeChoice {
  try {
    const t = globalThis.localStorage?.getItem(THEME_KEY)
    return t === 'light' || t === 'dark' ? t : 'system'
  } catch {
    return 'system'
  }
}

interface ViewStore {
  screen: Screen
  reportJobId: string | null
  theme: ThemeChoice
  show(screen: Screen): void
  openReport(jobId: string): void
  setTheme(theme: ThemeChoice): void
}

export const useViewStore = create<ViewStore>()((set) => ({
  screen: 'copy',
  reportJobId: null,
  theme: savedTheme(),
  show: (screen) => set({ screen }),
  openReport: (jobId) => set({ screen: 'report', reportJobId: jobId }),
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme)
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    set({ theme })
  },
}))
