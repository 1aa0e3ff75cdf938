import { useConnectionStatus } from '../api/api-context'

const TEXT = { open: 'Connected', connecting: 'Connecting…', closed: 'Disconnected, retrying…' } as const

export function ConnectionBadge() {
  const status = useConnectionStatus()
  return (
    <span className={`connection connection-${status}`} role="status" aria-label="Connection">
      {TEXT[status]}
    </span>
  )
}
