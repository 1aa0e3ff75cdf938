import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useApi } from '../api/api-context'
import { useSelectionStore } from '../state/selection-store'

export function useAppInfo() {
  const api = useApi()
  return useQuery({ queryKey: ['app:info'], queryFn: () => api.app.info({}), staleTime: Number.POSITIVE_INFINITY })
}

/** Fills the destination fields from the server's defaults once they are known. */
export function useApplyServerDefaults(): void {
  const { data } = useAppInfo()
  const applyDefaults = useSelectionStore((s) => s.applyDefaults)
  useEffect(() => {
    if (data) applyDefaults(data.defaults)
  }, [data, applyDefaults])
}
