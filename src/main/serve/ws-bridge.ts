// Browser-mode transport: the contract's handler table over one WebSocket per page.
// Every frame is parsed with the contract's schemas; every subscription ends with its socket.
import type { WebSocket } from 'ws'
import { JOB_EVENT_CHANNEL, requestFrameSchema, type JobEvent, type ServerFrame } from '../../shared/contract'
import { dispatch, toErrorData, type Handlers } from '../handlers'

/** Requests one socket may have in flight: the UI keeps a handful (info, preview, coverage, status); more is a flood. */
export const MAX_IN_FLIGHT = 16

export function bindSocket(socket: WebSocket, handlers: Handlers, onEvent: (l: (e: JobEvent) => void) => () => void): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame))
  }
  let inFlight = 0
  const unsubscribe = onEvent((payload) => send({ event: JOB_EVENT_CHANNEL, payload }))
  socket.on('close', unsubscribe)
  socket.on('error', unsubscribe)
  socket.on('message', async (data) => {
    let json: unknown
    try {
      json = JSON.parse(String(data))
    } catch {
      return send({ id: -1, ok: false, error: { code: 'BAD_FRAME', message: 'Frames are JSON objects {id, command, request}' } })
    }
    const frame = requestFrameSchema.safeParse(json)
    if (!frame.success) return send({ id: -1, ok: false, error: { code: 'BAD_FRAME', message: 'Frames are JSON objects {id, command, request}' } })
    const { id, command, request } = frame.data
    if (inFlight >= MAX_IN_FLIGHT) return send({ id, ok: false, error: { code: 'BUSY', message: `More than ${MAX_IN_FLIGHT} requests in flight on this connection; wait for answers before sending more` } })
    inFlight += 1
    try {
      send({ id, ok: true, response: await dispatch(handlers, command, request) })
    } catch (err) {
      send({ id, ok: false, error: toErrorData(err) })
    } finally {
      inFlight -= 1
    }
  })
}
