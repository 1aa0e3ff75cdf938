import { useMemo } from 'react'
import { mergeSettings } from '../lib/job-settings'
import { buildJobConfig, type JobConfigInput } from '../lib/selection'
import { useSelectionStore } from '../state/selection-store'
import { useSettingsStore } from '../state/settings-store'

/** The job file the form stands for: selection plus settings. */
export function useJobConfig(): JobConfigInput {
  const selection = useSelectionStore((s) => s.selection)
  const settings = useSettingsStore((s) => s.settings)
  return useMemo(() => mergeSettings(buildJobConfig(selection), settings, selection.maxConcurrent), [selection, settings])
}
