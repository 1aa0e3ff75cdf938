// Who may talk to browser mode: the Host a request names and the Origin a socket comes from
// must be this server's own (127.0.0.1:PORT, localhost:PORT), so a page on another site — or
// one reached through DNS rebinding, which keeps the attacker's Host — is refused even if it
// learnt the token. The token itself is compared in constant time.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export interface Doors {
  /** `host:port` values this server answers to. */
  hosts: ReadonlySet<string>
  token: string
}

export function allowedHosts(bindHost: string, port: number): Set<string> {
  const out = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
  // With --allow-remote on a named address, that address is its own name too.
  if (!['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(bindHost)) out.add(`${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`)
  return out
}

export function hostOk(req: IncomingMessage, doors: Doors): boolean {
  return doors.hosts.has((req.headers.host ?? '').toLowerCase())
}

/** Browsers always send Origin on a WebSocket; a client without one (a script) is no page to be tricked. */
export function originOk(req: IncomingMessage, doors: Doors): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  if (!URL.canParse(origin)) return false
  const u = new URL(origin)
  return u.protocol === 'http:' && doors.hosts.has(u.host.toLowerCase())
}

export function tokenOk(req: IncomingMessage, doors: Doors): boolean {
  const given = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? ''
  const a = Buffer.from(given)
  const b = Buffer.from(doors.token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The headers every answer carries: no framing, no referrer (the first load's URL holds the token), no sniffing. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': pageCsp(port, 'header'),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
}

/**
 * The page's policy in browser mode; the desktop window's (the meta tag of index.html) is the
 * same without the socket. frame-ancestors only counts in a header (browsers ignore it in a
 * meta tag, with a console error), so the meta variant leaves it out.
 */
export function pageCsp(port: number, delivery: 'header' | 'meta'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(delivery === 'header' ? ["frame-ancestors 'none'"] : []),
  ].join('; ')
}
