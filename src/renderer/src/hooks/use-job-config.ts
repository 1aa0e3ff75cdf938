import { useMemo } from 'react'
import { mergeSettings } from '../lib/job-settings'
import { buildJobConfig, type JobConfigInput } from '../lib/selection'
import { useSelectionStore } from '../state/selection-store'
import { useSettingsStore } from '../state/settings-store'

/** The job file the form stands for: selection (or the suggested symbol) plus settings. */
export function useJobConfig(): JobConfigInput {
  const selection = useSelectionStore((s) => s.selection)
  const suggested = useSelectionStore((s) => s.suggestedSymbol)
  const settings = useSettingsStore((s) => s.settings)
  return useMemo(() => {
    // No symbol chosen yet: plan the suggested one, so the first screen shows data, not CE014.
    const sel = selection.symbols.length === 0 && suggested ? { ...selection, symbols: [suggested] } : selection
    return mergeSettings(buildJobConfig(sel), settings, selection.maxConcurrent)
  }, [selection, suggested, settings])
}
