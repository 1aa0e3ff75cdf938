// Which screen is shown, which job's report is open, and the theme. View state only: the data
// each screen shows comes from queries and the job store. Only the theme outlives the page
// (zustand's persist, in localStorage; with storage disabled it lasts for this page only).
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { z } from 'zod'

export type Screen = 'copy' | 'history' | 'report'
const themeSchema = z.enum(['system', 'light', 'dark'])
export type ThemeChoice = z.infer<typeof themeSchema>
/** What is stored: read back through zod, like any input from outside the page. */
const savedSchema = z.object({ theme: themeSchema.catch('system') }).catch({ theme: 'system' })

interface ViewStore {
  screen: Screen
  reportJobId: string | null
  theme: ThemeChoice
  /** The archive file whose first rows are shown, if any. */
  previewKey: string | null
  show(screen: Screen): void
  openPreview(key: string | null): void
  openReport(jobId: string): void
  setTheme(theme: ThemeChoice): void
}

export const useViewStore = create<ViewStore>()(
  persist(
    (set) => ({
      screen: 'copy',
      reportJobId: null,
      theme: 'system',
      previewKey: null,
      // The Report screen reached by navigation shows the newest job; openReport pins one.
      show: (screen) => set(screen === 'report' ? { screen, reportJobId: null } : { screen }),
      openPreview: (previewKey) => set({ previewKey }),
      openReport: (jobId) => set({ screen: 'report', reportJobId: jobId }),
      setTheme: (theme) => set({ theme }),
    }),
    {
      name: 'archive-sync.view',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ theme: s.theme }),
      merge: (saved, current) => ({ ...current, ...savedSchema.parse(saved) }),
    },
  ),
)
