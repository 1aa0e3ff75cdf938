// ArchiveSyncApi over the browser-mode WebSocket (src/shared/contract/wire.ts). Every frame
// from the server is parsed with zod before it reaches the UI: the socket is a trust boundary
// like any other.
import {
  commands,
  serverFrameSchema,
  type ArchiveSyncApi,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type JobEvent,
  type RequestFrame,
} from '../../../shared/contract'
import { backoffDelay, RECONNECT_BACKOFF, type BackoffOptions } from '../../../shared/backoff'
import { ClientError, CLIENT_ERRORS } from './app-error'
import { parseTaskBatchFrame } from './task-batch-frame'

export type ConnectionStatus = 'connecting' | 'open' | 'closed'

/** The subset of the DOM WebSocket used here, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}

export interface WsClientOptions {
  url: string
  createSocket?: (url: string) => SocketLike
  backoff?: BackoffOptions
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

export interface WsClient extends ArchiveSyncApi {
  status(): ConnectionStatus
  onStatus(listener: (s: ConnectionStatus) => void): () => void
  /** Stops reconnecting and closes; pending calls are rejected. */
  dispose(): void
}

interface Pending {
  command: CommandName
  resolve(value: unknown): void
  reject(error: Error): void
}

const OPEN = 1

export function createWsClient(opts: WsClientOptions): WsClient {
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike)
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms))
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>))
  const pending = new Map<number, Pending>()
  /** Requests made while not connected; sent on open, rejected if that attempt fails. */
  const outbox: { frame: RequestFrame; entry: Pending }[] = []
  const eventListeners = new Set<(e: JobEvent) => void>()
  const statusListeners = new Set<(s: ConnectionStatus) => void>()
  let socket: SocketLike | null = null
  let status: ConnectionStatus = 'connecting'
  let attempt = 0
  let nextId = 1
  let timer: unknown = null
  let disposed = false

  const setStatus = (s: ConnectionStatus) => {
    status = s
    for (const l of statusListeners) l(s)
  }

  const failAll = (reason: string) => {
    const error = new ClientError(CLIENT_ERRORS.disconnected, reason)
    for (const p of pending.values()) p.reject(error)
    pending.clear()
    for (const { entry } of outbox.splice(0)) entry.reject(error)
  }

  const handleMessage = (data: unknown) => {
    let json: unknown
    try {
      json = JSON.parse(typeof data === 'string' ? data : String(data))
    } catch {
      console.warn('archive-sync: ignored a frame that is not JSON')
      return
    }
    const batch = parseTaskBatchFrame(json)
    if (batch === 'invalid') {
      console.warn('archive-sync: ignored a malformed task-batch frame')
      return
    }
    if (batch) {
      for (const l of eventListeners) l(batch)
      return
    }
    const frame = serverFrameSchema.safeParse(json)
    if (!frame.success) {
      console.warn('archive-sync: ignored a malformed frame', frame.error.issues)
      return
    }
    const f = frame.data
    if ('event' in f) {
      for (const l of eventListeners) l(f.payload)
      return
    }
    const p = pending.get(f.id)
    if (!p) return
    pending.delete(f.id)
    if (!f.ok) {
      p.reject(new ClientError(f.error.code, f.error.message, f.error.issues))
      return
    }
    const res = commands[p.command].res.safeParse(f.response)
    if (res.success) p.resolve(res.data)
    else p.reject(new ClientError(CLIENT_ERRORS.badResponse, `the server's answer to ${p.command} does not match the contract`))
  }

  const connect = () => {
    if (disposed) return
    setStatus('connecting')
    const ws = createSocket(opts.url)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setStatus('open')
      for (const { frame, entry } of outbox.splice(0)) {
        pending.set(frame.id, entry)
        ws.send(JSON.stringify(frame))
      }
    }
    ws.onmessage = (ev) => handleMessage(ev.data)
    // A close always follows an error; reconnecting from onclose alone avoids doing it twice.
    ws.onerror = () => {}
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      setStatus('closed')
      failAll('the connection to Archive Sync was lost')
      if (disposed) return
      timer = setTimer(connect, backoffDelay(attempt, opts.backoff ?? RECONNECT_BACKOFF))
      attempt += 1
    }
  }

  const invoke = <C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>> =>
    new Promise<CommandResponse<C>>((resolve, reject) => {
      if (disposed) {
        reject(new ClientError(CLIENT_ERRORS.disconnected, 'the client was closed'))
        return
      }
      const id = nextId++
      const entry: Pending = { command, resolve: resolve as (v: unknown) => void, reject }
      const frame: RequestFrame = { id, command, request }
      if (socket && socket.readyState === OPEN) {
        pending.set(id, entry)
        socket.send(JSON.stringify(frame))
      } else {
        outbox.push({ frame, entry })
      }
    })

  connect()

  return {
    invoke,
    onJobEvent(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    dispose() {
      disposed = true
      if (timer !== null) clearTimer(timer)
      const ws = socket
      socket = null
      ws?.close(1000, 'client closed')
      setStatus('closed')
      failAll('the client was closed')
    },
  }
}

/** `ws(s)://<host>/ws?token=...` for the page this script was served from. */
export function webSocketUrl(loc: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${loc.host}/ws?token=${encodeURIComponent(token)}`
}
