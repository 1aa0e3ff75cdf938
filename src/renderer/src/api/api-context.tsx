import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { GroupedApi } from '../../../shared/contract'
import type { Connection } from './connect'
import type { ConnectionStatus } from './ws-client'

const ConnectionContext = createContext<Connection | null>(null)

export function ApiProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
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
