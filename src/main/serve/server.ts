// Browser mode: the built UI over HTTP and the handler table over a WebSocket, on 127.0.0.1 by
// default. Every request must name this server as its Host; a socket must come from this
// server's own page (Origin) and carry the random token printed at start (doors.ts).
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join } from 'node:path'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import type { JobEvent } from '../../shared/contract'
import type { Handlers } from '../handlers'
import { allowedHosts, hostOk, originOk, pageCsp, securityHeaders, tokenOk, type Doors } from './doors'
import { bindSocket } from './ws-bridge'

export interface ServeOptions {
  handlers: Handlers
  onEvent: (l: (e: JobEvent) => void) => () => void
  rendererDir: string
  host?: string
  port?: number
  token?: string
}

export interface RunningServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

// Client configs are a few kB; a report export is the largest answer, and answers are not limited here.
const MAX_FRAME_BYTES = 1024 * 1024

function refuse(res: ServerResponse, status: number, text: string) {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end(text)
}

/** index.html with the socket added to its meta CSP: the file's own policy is the desktop window's, which needs no socket. */
function pageHtml(rendererDir: string, port: number): string | undefined {
  try {
    const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
    return html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/, `$1${pageCsp(port, 'meta')}$2`)
  } catch {
    return undefined
  }
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const doors: Doors = { hosts: new Set(), token: opts.token ?? randomBytes(24).toString('hex') }
  const assets = sirv(opts.rendererDir, { etag: true, dev: false })
  const http = createServer((req, res) => {
    for (const [k, v] of Object.entries(securityHeaders(port))) res.setHeader(k, v)
    if (!hostOk(req, doors)) return refuse(res, 421, 'Misdirected request: this server answers to 127.0.0.1 and localhost only')
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed')
    // Routes of the single-page app (no file extension) get the page; files come from the build.
    if (!extname(new URL(req.url ?? '/', 'http://x').pathname)) {
      if (page === undefined) return refuse(res, 404, 'Not found')
      res.setHeader('Content-Type', 'text/html; charset=utf-8')
      res.setHeader('Cache-Control', 'no-store')
      return res.end(req.method === 'HEAD' ? undefined : page)
    }
    assets(req, res, () => refuse(res, 404, 'Not found'))
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const status = !hostOk(req, doors) || !originOk(req, doors) ? '403 Forbidden' : path !== '/ws' || !tokenOk(req, doors) ? '401 Unauthorized' : undefined
    if (status) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => bindSocket(ws, opts.handlers, opts.onEvent))
  })
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(opts.port ?? 0, host, () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  doors.hosts = allowedHosts(host, port)
  const page = pageHtml(opts.rendererDir, port)
  const shown = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host
  return {
    url: `http://${shown}:${port}/?token=${doors.token}`,
    port,
    token: doors.token,
    close: async () => {
      for (const c of wss.clients) c.terminate()
      wss.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
