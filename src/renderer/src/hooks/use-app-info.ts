import { useEffect } from 'react'
import { useSelectionStore } from '../state/selection-store'
import { useCommand } from './use-command'

export function useAppInfo() {
  return useCommand('app:info', {}, { staleTime: Number.POSITIVE_INFINITY })
}

/** Fills the destination fields from the server's defaults once they are known. */
export function useApplyServerDefaults(): void {
  const { data } = useAppInfo()
  const applyDefaults = useSelectionStore((s) => s.applyDefaults)
  useEffect(() => {
    if (data) applyDefaults(data.defaults)
  }, [data, applyDefaults])
}
