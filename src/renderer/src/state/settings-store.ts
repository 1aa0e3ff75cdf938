// Job settings beyond the selection (mode, verification, performance, profile). Separate from
// the selection store: templates and imports replace these wholesale, the selection rarely.
import { create } from 'zustand'
import { DEFAULT_SETTINGS, type JobSettings } from '../lib/job-settings'

interface SettingsStore {
  settings: JobSettings
  update(patch: Partial<JobSettings>): void
  replace(settings: JobSettings): void
}

export const useSettingsStore = create<SettingsStore>()((set) => ({
  settings: DEFAULT_SETTINGS,
  update: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  replace: (settings) => set({ settings }),
}))
