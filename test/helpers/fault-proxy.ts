// A fault-injecting HTTP proxy in front of a loopback S3 (s3rver) for tests: it forwards every
// request unchanged (Host header included, so SigV4 signatures still verify upstream) unless a rule
// matches, and then answers an S3-style error, resets the connection, delays, cuts a response
// mid-body, or drops the request. Loopback only; it counts what it saw and stops by itself.
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface SeenRequest {
  /** 1-based arrival number. */
  n: number
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  action: FaultAction['kind'] | 'forward'
}

export type FaultAction =
  | { kind: 'error'; status: number; code: string; message?: string }
  /** Answer for the server, with an empty body: e.g. 204 to an AbortMultipartUpload s3rver lacks. */
  | { kind: 'respond'; status: number }
  | { kind: 'reset' }
  /** Forward, send the status line, headers and `afterBytes` of the body, then reset. */
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'delay'; ms: number }
  /** Never answer; the socket is destroyed after `holdMs` (bounded). */
  | { kind: 'drop'; holdMs?: number }

export interface FaultRule {
  match(req: Omit<SeenRequest, 'action'>): boolean
  action: FaultAction
  /** How many matching requests get the fault (default: all of them). */
  times?: number
}

export interface FaultProxy {
  endpoint: string
  seen: SeenRequest[]
  /** Rules are checked in order; the first live match wins. */
  rules: FaultRule[]
  count(pred?: (r: SeenRequest) => boolean): number
  stop(): Promise<void>
}

export const slowDown: FaultAction = { kind: 'error', status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' }
export const internalError: FaultAction = { kind: 'error', status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' }
export const accessDenied: FaultAction = { kind: 'error', status: 403, code: 'AccessDenied', message: 'Access Denied' }

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])
const MAX_SEEN = 100_000

export async function startFaultProxy(upstream: string, opts: { rules?: FaultRule[]; lifetimeMs?: number } = {}): Promise<FaultProxy> {
  const target = new URL(upstream)
  if (!LOOPBACK.has(target.hostname)) throw new Error(`fault proxy forwards to loopback only, not ${target.hostname}`)
  const agent = new Agent({ keepAlive: true })
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => (timers.delete(t), fn()), ms)
    timers.add(t)
  }
  const rules: FaultRule[] = opts.rules ?? []
  const used = new WeakMap<FaultRule, number>()
  const seen: SeenRequest[] = []
  let n = 0

  const pick = (info: Omit<SeenRequest, 'action'>): FaultAction | undefined => {
    for (const rule of proxy.rules) {
      const count = used.get(rule) ?? 0
      if (rule.times !== undefined && count >= rule.times) continue
      if (!rule.match(info)) continue
      used.set(rule, count + 1)
      return rule.action
    }
    return undefined
  }

  const forward = (req: IncomingMessage, res: ServerResponse, cutAfter?: number) => {
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers)
      if (cutAfter === undefined) return void upRes.pipe(res)
      let sent = 0
      upRes.on('data', (chunk: Buffer) => {
        if (sent >= cutAfter) return
        const part = chunk.subarray(0, cutAfter - sent)
        sent += part.length
        res.write(part)
        if (sent >= cutAfter) {
          upRes.destroy()
          // Let the bytes leave before the reset, so the client really is mid-body.
          later(20, () => res.socket?.resetAndDestroy())
        }
      })
    })
    up.on('error', () => res.socket?.destroy())
    req.pipe(up)
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const info = { n: ++n, method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers }
    const action = pick(info)
    if (seen.length < MAX_SEEN) seen.push({ ...info, action: action?.kind ?? 'forward' })
    switch (action?.kind) {
      case undefined:
        return forward(req, res)
      case 'error': {
        const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${action.code}</Code><Message>${action.message ?? action.code}</Message><Resource>${info.path}</Resource><RequestId>fault-${info.n}</RequestId></Error>`
        req.resume()
        // Answer after the body is read, as S3 does; a half-read body would poison the keep-alive socket.
        return void req.once('end', () => res.writeHead(action.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body))
      }
      case 'respond':
        req.resume()
        return void req.once('end', () => res.writeHead(action.status, { 'content-length': 0 }).end())
      case 'reset':
        return req.socket.resetAndDestroy()
      case 'cut':
        return forward(req, res, action.afterBytes)
      case 'delay':
        return later(action.ms, () => forward(req, res))
      case 'drop':
        req.resume()
        return later(action.holdMs ?? 5_000, () => req.socket.destroy())
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime)
      for (const t of timers) clearTimeout(t)
      for (const s of sockets) s.destroy()
      agent.destroy()
      server.close(() => resolve())
    }))
  // Bounded: a test that forgets stop() does not keep a listener alive.
  const lifetime = setTimeout(() => void stop(), opts.lifetimeMs ?? 300_000)
  lifetime.unref()

  const proxy: FaultProxy = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    rules,
    count: (pred) => (pred ? seen.filter(pred).length : seen.length),
    stop,
  }
  return proxy
}
