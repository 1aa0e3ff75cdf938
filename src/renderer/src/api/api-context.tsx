import { useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react'
import type { GroupedApi } from '../../../shared/contract'
import { startJobEventDispatcher } from '../state/job-event-dispatcher'
import type { Connection } from './connect'
import type { ConnectionStatus } from './ws-client'

const ConnectionContext = createContext<Connection | null>(null)

/** Provides the connection and owns its one job-event subscription (stopped on unmount). */
export function ApiProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const queryClient = useQueryClient()
  useEffect(() => startJobEventDispatcher(connection, queryClient), [connection, queryClient])
  return <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>
}

function useConnection(): Connection {
  const c = useContext(ConnectionContext)
  if (!c) throw new Error('useApi outside <ApiProvider>')
  return c
}

export function useApi(): GroupedApi {
  return useConnection().api
}

export function useConnectionStatus(): ConnectionStatus {
  const c = useConnection()
  return useSyncExternalStore(c.onStatus, c.status)
}
