// Browser mode's door: the token, the schemas at the boundary, and events over the socket.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createApp, type App } from '../../src/main/app'
import { startServer, type RunningServer } from '../../src/main/serve/server'

let app: App
let server: RunningServer
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-sync-serve-'))
  app = createApp({ transport: 'websocket', dataDir: dir, baseConfig: { destination_bucket: 'lake', s3_config: { access_key_id: 'AKIAEXAMPLEKEY1234', secret_access_key: 'very-secret' } } })
  server = await startServer({ handlers: app.handlers, onEvent: (l) => app.services.jobs.onEvent(l), rendererDir: dir })
})
afterAll(async () => {
  await server?.close()
  await app?.close()
  await rm(dir, { recursive: true, force: true })
})

const wsUrl = (token: string) => `ws://127.0.0.1:${server.port}/ws?token=${token}`

function connect(token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(token))
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

function call(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))))
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  })
}

describe('browser-mode server', () => {
  it('binds loopback and prints a tokened URL', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{48}$`))
  })

  it('refuses sockets without the right token', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401')
    await expect(connect('0'.repeat(48))).rejects.toThrow('HTTP 401')
  })

  it('answers commands and never sends credentials to the page', async () => {
    const ws = await connect(server.token)
    const r = await call(ws, { id: 1, command: 'app:info', request: {} })
    expect(r).toMatchObject({ id: 1, ok: true, response: { transport: 'websocket', defaults: { destinationBucket: 'lake', credentials: 'access key ****1234' } } })
    expect(JSON.stringify(r)).not.toContain('very-secret')
    expect(JSON.stringify(r)).not.toContain('AKIAEXAMPLEKEY1234')
    ws.close()
  })

  it('rejects malformed frames, unknown commands and invalid requests with a code', async () => {
    const ws = await connect(server.token)
    expect(await call(ws, 'not json')).toMatchObject({ ok: false, error: { code: 'BAD_FRAME' } })
    expect(await call(ws, { id: 2, command: 'fs:delete', request: {} })).toMatchObject({ id: 2, ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    expect(await call(ws, { id: 3, command: 'jobs:status', request: { jobId: '../../etc' } })).toMatchObject({ id: 3, ok: false, error: { code: 'BAD_REQUEST' } })
    const bad = await call(ws, { id: 4, command: 'jobs:start', request: { config: { markets: ['spot'], operation_mode: 'warp' } } })
    expect(bad).toMatchObject({ id: 4, ok: false, error: { code: 'CONFIG_INVALID' } })
    const codes = ((bad.error as { issues: { code: string }[] }).issues ?? []).map((i) => i.code)
    expect(codes).toContain('CE002')
    ws.close()
  })
})
