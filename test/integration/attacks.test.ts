// Attacks on browser mode's doors, against a real server on a free loopback port holding real
// server-side settings (a local S3, its keys). Each test is one way a token holder, a foreign
// page or a hostile string tried to reach further than choosing data; each must fail with a
// code and leave no trace (no process run, no request sent, no byte written outside the root).
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createApp, type App } from '../../src/main/app'
import { serveCommand } from '../../src/main/cli/serve'
import { startServer, type RunningServer } from '../../src/main/serve/server'
import { MAX_IN_FLIGHT } from '../../src/main/serve/ws-bridge'
import { startLocalArchive, type LocalArchive } from '../helpers/local-archive'

const SELECTION = { markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-03-01', end: '2024-03-03' }, frequency: 'daily' }
const CSP_META = `<meta http-equiv="Content-Security-Policy" content="connect-src 'self'" />`

let env: LocalArchive
let app: App
let server: RunningServer
let capture: Server
let captured = 0
let root: string
let outside: string

beforeAll(async () => {
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1h'], start: '2024-03-01', end: '2024-03-03' }])
  root = join(env.dataDir, 'downloads')
  outside = join(env.dataDir, 'outside')
  await mkdir(root, { recursive: true })
  await mkdir(outside)
  const rendererDir = join(env.dataDir, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), `<!doctype html><html><head>${CSP_META}</head><body></body></html>`)
  // Userinfo in the server's own endpoint: never shown to the page.
  const s3 = env.base.s3_config as Record<string, string>
  const base = { ...env.base, s3_config: { ...s3, endpoint_url: s3.endpoint_url.replace('http://', 'http://lake-user:lake-pass@') } }
  app = createApp({ transport: 'websocket', dataDir: join(env.dataDir, 'home'), baseConfig: base, outputRoot: root, env: {}, snapshotMs: 50 })
  server = await startServer({ handlers: app.handlers, onEvent: (l) => app.services.jobs.onEvent(l), rendererDir })
  capture = createServer((_req, res) => {
    captured += 1
    res.end()
  })
  await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r))
})
afterAll(async () => {
  await server?.close()
  await app?.close()
  await new Promise((r) => capture?.close(r))
  await env?.stop()
})

const capturePort = () => (capture.address() as AddressInfo).port

function open(headers: Record<string, string> = {}, token = server.token): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${token}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

let ws: WebSocket
let nextId = 1
beforeAll(async () => {
  ws = await open({ Origin: `http://127.0.0.1:${server.port}` })
})
afterAll(() => ws?.close())

type Reply = { id: number; ok: boolean; response?: Record<string, unknown>; error?: { code: string; message: string; issues?: { code: string; field: string; message: string }[] } }

function call(command: string, request: unknown, socket = ws): Promise<Reply> {
  const id = nextId++
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as Reply
      if (frame.id !== id) return
      socket.off('message', onMessage)
      resolve(frame)
    }
    socket.on('message', onMessage)
    socket.send(JSON.stringify({ id, command, request }))
  })
}

const issueCodes = (r: Reply) => (r.error?.issues ?? []).map((i) => `${i.code} ${i.field}`)

function httpGet(path: string, host: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: host } }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('server-side settings cannot come from a connection', () => {
  it('a marker script given as s5cmd_path is never executed (preflight, preview, start)', async () => {
    const marker = join(env.dataDir, 'marker')
    const script = join(env.dataDir, 'evil-s5cmd.sh')
    await writeFile(script, `#!/bin/sh\ntouch '${marker}'\necho v2.2.2\n`)
    await chmod(script, 0o755)
    for (const command of ['preflight:run', 'plan:preview', 'jobs:start', 'config:validate']) {
      const r = await call(command, { config: { ...SELECTION, s5cmd_path: script } })
      if (command === 'config:validate') expect(r.response).toMatchObject({ ok: false, issues: [{ code: 'CE018', field: 's5cmd_path' }] })
      else {
        expect(r.error?.code, command).toBe('CONFIG_INVALID')
        expect(issueCodes(r), command).toEqual(['CE018 s5cmd_path'])
      }
    }
    expect(existsSync(marker)).toBe(false)
  })

  it('a capture listener given as an endpoint receives no request', async () => {
    const at = `http://127.0.0.1:${capturePort()}`
    const tries = [
      { s3_config: { endpoint_url: at } },
      { source: { endpoint_url: at } },
      { source: { https_base: `${at}/` }, operation_mode: 'traditional' },
    ]
    for (const extra of tries) for (const command of ['preflight:run', 'plan:preview', 'jobs:start']) {
      const r = await call(command, { config: { ...SELECTION, ...extra } })
      expect(r.error?.code, `${command} ${JSON.stringify(extra)}`).toBe('CONFIG_INVALID')
      expect(issueCodes(r)[0]).toMatch(/^CE018 (s3_config\.endpoint_url|source)$/)
    }
    expect(captured).toBe(0)
  })

  it('credentials, deletions and a folder outside the output root are refused', async () => {
    const creds = await call('jobs:start', { config: { ...SELECTION, s3_config: { access_key_id: 'AKIA', secret_access_key: 'x' } } })
    expect(issueCodes(creds)).toEqual(['CE018 s3_config.access_key_id', 'CE018 s3_config.secret_access_key'])
    const del = await call('jobs:start', { config: { ...SELECTION, sync_mode: 'sync', delete_extraneous: true } })
    expect(issueCodes(del)).toEqual(['CE018 delete_extraneous'])
    const away = join(env.dataDir, 'elsewhere')
    const out = await call('jobs:start', { config: { ...SELECTION, output_directory: away } })
    expect(issueCodes(out)).toEqual(['CE023 output_directory'])
    expect(issueCodes(await call('preflight:run', { config: { ...SELECTION, output_directory: '../../x' } }))).toEqual(['CE023 output_directory'])
    expect(existsSync(away)).toBe(false)
  })

  it('an unknown key is CE017 and names the closest key; a saved destination cannot carry an endpoint', async () => {
    const r = await call('plan:preview', { config: { ...SELECTION, destination_prefx: 'x' } })
    expect(r.error?.issues?.[0]).toMatchObject({ code: 'CE017', field: 'destination_prefx', message: expect.stringContaining('"destination_prefix"') })
    const save = await call('destinations:save', { destination: { name: 'evil', kind: 's3', bucket: 'lake', endpoint_url: `http://127.0.0.1:${capturePort()}` } })
    expect(save.error?.code).toBe('BAD_REQUEST')
  })

  it('a saved destination is used by name: its bucket and prefix, never an endpoint', async () => {
    expect((await call('destinations:save', { destination: { name: 'research', kind: 's3', bucket: 'lake', prefix: 'research' } })).ok).toBe(true)
    const plan = await call('plan:preview', { config: { ...SELECTION, destination_name: 'research' } })
    expect(plan.response).toMatchObject({ objects: 6, toCopy: 6 })
    // A hand-edited file with a bad bucket proves the saved fields, not the server's default, are checked.
    const file = join(env.dataDir, 'home', 'destinations.json')
    const saved = JSON.parse(await readFile(file, 'utf8')) as { destinations: Record<string, unknown>[] }
    saved.destinations.push({ name: 'edited', kind: 's3', bucket: 'Bad_Bucket', prefix: '', endpoint_url: `http://127.0.0.1:${capturePort()}` })
    await writeFile(file, JSON.stringify(saved))
    expect(issueCodes(await call('preflight:run', { config: { ...SELECTION, destination_name: 'edited' } }))).toEqual(['CE009 destination_bucket'])
    expect(captured).toBe(0)
  })

  it('the page never sees the endpoint userinfo or the keys', async () => {
    const r = await call('app:info', {})
    expect(r.ok).toBe(true)
    expect(JSON.stringify(r)).not.toMatch(/lake-pass|lake-user/)
    expect(JSON.stringify(r)).not.toContain((env.base.s3_config as Record<string, string>).secret_access_key)
  })
})

describe('local output stays under the root by real path', () => {
  it('a symlink in the output folder is refused: the job fails those files and nothing lands outside', async () => {
    await mkdir(join(root, 'dl'))
    await symlink(outside, join(root, 'dl', 'data'))
    const start = await call('jobs:start', { config: { ...SELECTION, output_directory: 'dl' } })
    expect(start.ok).toBe(true)
    const jobId = String(start.response?.jobId)
    await app.services.jobs.status(jobId)
    // Wait for the job to end through the same socket a page would watch.
    await new Promise<void>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const f = JSON.parse(String(data)) as { event?: string; payload?: { type: string; jobId: string; state?: string } }
        if (f.payload?.type === 'state' && f.payload.jobId === jobId && ['completed', 'failed', 'cancelled'].includes(f.payload.state ?? '')) {
          ws.off('message', onMessage)
          resolve()
        }
      }
      ws.on('message', onMessage)
    })
    const report = await call('jobs:report', { jobId })
    expect(report.response).toMatchObject({ files_synced: 0, files_failed: 6 })
    expect(JSON.stringify(report.response)).toMatch(/link inside the folder leads out/)
    expect(await readdir(outside)).toEqual([])
  })

  it('job.json never stores endpoint userinfo', async () => {
    const jobs = await readdir(join(env.dataDir, 'home', 'jobs'))
    expect(jobs.length).toBeGreaterThan(0)
    for (const id of jobs) expect(await readFile(join(env.dataDir, 'home', 'jobs', id, 'job.json'), 'utf8')).not.toMatch(/lake-pass|lake-user/)
  })
})

describe('the doors: Host, Origin, token, headers', () => {
  it('a foreign Origin or a rebound Host gets no upgrade, even with the token', async () => {
    await expect(open({ Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403')
    await expect(open({ Origin: `http://127.0.0.1:${server.port}.evil.example` })).rejects.toThrow('HTTP 403')
    await expect(open({ Host: `rebind.evil.example:${server.port}` })).rejects.toThrow('HTTP 403')
    await expect(open({ Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` })).resolves.toBeInstanceOf(WebSocket)
  })

  it('HTTP with a foreign Host is refused; the page carries no-referrer, frame-ancestors none and a socket-only-here CSP', async () => {
    expect((await httpGet('/', `rebind.evil.example:${server.port}`)).status).toBe(421)
    const page = await httpGet(`/?token=${server.token}`, `127.0.0.1:${server.port}`)
    expect(page.status).toBe(200)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['x-frame-options']).toBe('DENY')
    const csp = String(page.headers['content-security-policy'])
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", `connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`]) expect(csp).toContain(d)
    expect(page.body).toContain(`ws://127.0.0.1:${server.port}`)
    expect(page.body).not.toContain(server.token)
  })

  it('limits requests in flight per socket', async () => {
    const replies = await Promise.all(Array.from({ length: MAX_IN_FLIGHT * 3 }, () => call('config:validate', { config: { ...SELECTION, destination_name: 'nope' } })))
    const busy = replies.filter((r) => r.error?.code === 'BUSY').length
    expect(busy).toBeGreaterThan(0)
    expect(replies.filter((r) => r.ok).length).toBeGreaterThanOrEqual(MAX_IN_FLIGHT)
    expect((await call('config:validate', { config: { ...SELECTION, destination_name: 'nope' } })).response).toMatchObject({ issues: [{ code: 'CE024' }] })
  })

  it('serve refuses a non-loopback host without --allow-remote and names the SSH tunnel', async () => {
    await expect(serveCommand({ host: '0.0.0.0', port: 0, dataDir: join(env.dataDir, 'remote') })).rejects.toMatchObject({ code: 2, message: expect.stringMatching(/--allow-remote.*|ssh -N -L/s) })
    expect(existsSync(join(env.dataDir, 'remote'))).toBe(false)
  })
})

describe('hostile strings', () => {
  it('a newline in a bucket or region is a CE code', async () => {
    expect(issueCodes(await call('jobs:start', { config: { ...SELECTION, destination_bucket: 'lake\ncp s3://lake/a s3://x/b' } }))).toEqual(['CE009 destination_bucket'])
    expect(issueCodes(await call('preflight:run', { config: { ...SELECTION, s3_config: { region: 'us-east-1\nrm s3://lake/*' } } }))).toEqual(['CE022 s3_config.region'])
  })

  it('built-in property names are UNKNOWN_COMMAND or a CE code, never INTERNAL', async () => {
    for (const command of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect((await call(command, {})).error?.code, command).toBe('UNKNOWN_COMMAND')
    expect(issueCodes(await call('plan:preview', { config: { ...SELECTION, markets: ['constructor'] } }))).toContain('CE005 markets')
    expect(issueCodes(await call('plan:preview', { config: { ...SELECTION, data_types: ['constructor'] } }))).toEqual(['CE006 data_types'])
    expect((await call('catalog:symbols', { market: 'constructor', frequency: 'daily', dataType: 'klines' })).error?.code).toBe('CE005')
    expect((await call('catalog:symbols', { market: 'spot', frequency: 'daily', dataType: '__proto__' })).error?.code).toBe('CE006')
    expect(issueCodes(await call('plan:preview', { config: { ...SELECTION, constructor: 1 } }))).toEqual(['CE017 constructor'])
  })

  it('a few kB of request cannot ask for an unbounded plan', async () => {
    const symbols = Array.from({ length: 400 }, (_, i) => `S${i}USDT`)
    const big = { ...SELECTION, symbols, intervals: ['1m', '3m', '5m', '15m'], date_range: { start: '2019-01-01', end: '2024-06-01' } }
    expect(JSON.stringify(big).length).toBeLessThan(8000)
    expect(issueCodes(await call('plan:preview', { config: big }))).toEqual(['CE021 selection'])
    expect(issueCodes(await call('jobs:start', { config: { ...SELECTION, symbols: Array.from({ length: 1001 }, (_, i) => `S${i}USDT`) } }))).toEqual(['CE019 symbols'])
  })
})

const BIN = join(process.cwd(), 'bin/archive-sync.js')
const built = existsSync(join(process.cwd(), 'out/main/cli.js'))

describe.skipIf(!built)('the CLI (built; run `npm run build` first)', () => {
  it('an unknown option is one line and the usage, exit 2, no stack trace', async () => {
    const r = await promisify(execFile)(process.execPath, [BIN, 'run', '--dry-runn']).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    )
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')[0]).toMatch(/^Unknown option '--dry-runn'/)
    expect(r.stderr).toContain('Usage: archive-sync')
    expect(r.stderr).not.toMatch(/TypeError|at .*\.js:\d+/)
  })
})
