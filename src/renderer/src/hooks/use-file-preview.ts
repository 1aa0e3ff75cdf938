import { useMemo } from 'react'
import type { CoverageGridData } from '../lib/preview-files'
import { previewFiles } from '../lib/preview-files'
import type { JobConfigInput } from '../lib/selection'
import { useSelectionStore } from '../state/selection-store'
import { useCommand } from './use-command'

/** The first rows of one archive file; cached for the session (archive files rarely change). */
export function useFilePreview(key: string | null) {
  return useCommand('files:preview', key ? { key } : null, { retry: false, staleTime: Number.POSITIVE_INFINITY })
}

/** The planned files one could preview: from the coverage grid the heatmap shares. */
export function usePreviewFiles(config: JobConfigInput | null) {
  const { market, dataType, interval } = useSelectionStore((s) => s.selection)
  const coverage = useCommand('plan:coverage', config && { config }, { retry: false })
  const data: CoverageGridData | undefined = coverage.data
  return useMemo(() => (data ? previewFiles(data, { market, dataType, interval }) : []), [data, market, dataType, interval])
}
