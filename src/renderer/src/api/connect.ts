// Picks the transport: the Electron preload's bridge when present, else the WebSocket of
// browser mode, authenticated by the token the server printed in the page URL. The token is
// taken out of the address bar at once (history, screenshots, shared links) and kept in this
// tab's sessionStorage, so a reload still connects; it reaches the server only on the socket.
import { COMMAND_NAMES, groupApi, type GroupedApi } from '../../../shared/contract'
import { createWsClient, webSocketUrl, type ConnectionStatus } from './ws-client'

export interface Connection {
  api: GroupedApi
  transport: 'electron' | 'websocket'
  status(): ConnectionStatus
  onStatus(listener: (s: ConnectionStatus) => void): () => void
}

export type ConnectResult = { ok: true; connection: Connection } | { ok: false; reason: string }

export function connect(win: Window): ConnectResult {
  if (win.archiveSync) {
    const api = win.archiveSync
    // IPC has no connection to lose.
    return { ok: true, connection: { api, transport: 'electron', status: () => 'open', onStatus: () => () => {} } }
  }
  const token = takeToken(win)
  if (!token) {
    return {
      ok: false,
      reason: 'This page needs its access token. Open the exact URL that `archive-sync serve` printed (it ends in ?token=…).',
    }
  }
  const client = createWsClient({ url: webSocketUrl(win.location, token) })
  return {
    ok: true,
    connection: {
      api: groupApi(client, COMMAND_NAMES),
      transport: 'websocket',
      status: client.status,
      onStatus: client.onStatus,
    },
  }
}

const TOKEN_KEY = 'archive-sync:token'

function takeToken(win: Window): string | null {
  const params = new URLSearchParams(win.location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl)
    params.delete('token')
    const query = params.toString()
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${query ? `?${query}` : ''}${win.location.hash}`)
  }
  return fromUrl ?? win.sessionStorage.getItem(TOKEN_KEY)
}
