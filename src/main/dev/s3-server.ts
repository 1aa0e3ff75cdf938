// A throwaway local S3 (s3rver) for tests, the demo and fault drills. It runs in a child process:
// s3rver's ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only offers through the
// legacy provider (a process-wide flag), and a separate process is something a test can kill.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface LocalS3 {
  endpoint: string
  port: number
  dir: string
  accessKeyId: 'S3RVER'
  secretAccessKey: 'S3RVER'
  region: 'us-east-1'
  /** The child's pid, so fault tests can kill the server without stop(). */
  pid: number
  stop(): Promise<void>
}

export interface S3ServerOptions {
  /** Where s3rver keeps buckets; a fresh temp dir (removed on stop) by default. */
  dir?: string
  buckets?: string[]
  /** 0 (default) = a free loopback port. */
  port?: number
  /**
   * Each server-side copy (PUT with x-amz-copy-source) answered this much later. s3rver answers
   * one in a few ms on loopback where S3's CopyObject takes tens: a demo's job then finishes
   * before anyone can watch, pause or reopen it.
   */
  copyLatencyMs?: number
}

const READY = 'ARCHIVE_SYNC_S3RVER_READY '
const STOP_GRACE_MS = 2_000

// Plain CommonJS passed with -e: no sibling file whose path would change when electron-vite
// bundles src/main into out/main. Config arrives in an env var, the port leaves on stdout.
const CHILD_SCRIPT = `
const crypto = require('node:crypto')
const cfg = JSON.parse(process.env.ARCHIVE_SYNC_S3RVER_CONFIG)
const die = (err) => { process.stderr.write(String((err && err.stack) || err) + '\\n'); process.exit(1) }
process.on('uncaughtException', die)
process.on('unhandledRejection', die)
try { crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8)) } catch {
  // No DES at all (e.g. a runtime without the legacy provider): tokens only need to round-trip,
  // so an identity "cipher" keeps pagination working.
  const plain = () => ({ update: (d, enc) => Buffer.from(d, enc), final: () => Buffer.alloc(0) })
  for (const name of ['createCipheriv', 'createDecipheriv']) {
    const real = crypto[name]
    crypto[name] = (alg, ...rest) => (alg === 'des' ? plain() : real(alg, ...rest))
  }
}
const S3rver = require(cfg.s3rverPath)
// s3rver 3.7.1 lists in readdir order and prunes folders below a delimiter, so paginated listings
// can skip keys and "symbol" listings (delimiter '/') come back empty. Replace its listing with
// S3's semantics: every key, in UTF-8 byte order, then start-after, prefix, delimiter, max-keys.
{
  const path = require('node:path'), fs = require('node:fs')
  const lib = path.dirname(cfg.s3rverPath)
  const Store = require(path.join(lib, 'stores', 'filesystem.js'))
  const S3Object = require(path.join(lib, 'models', 'object.js'))
  const SUFFIX = '._S3rver_object'
  const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))
  Store.prototype.listObjects = async function (bucket, options) {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options
    const keys = []
    // Only keys (and folders) under the prefix are kept and sorted: S3 answers a narrow prefix from
    // its index, so its cost follows what it returns, not the size of the folder around it.
    const under = (rel) => rel.startsWith(prefix) || prefix.startsWith(rel)
    const walk = (dir, rel) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) { if (under(rel + e.name + '/')) walk(path.join(dir, e.name), rel + e.name + '/') }
        else if (e.name.endsWith(SUFFIX)) {
          const key = rel + e.name.slice(0, -SUFFIX.length)
          if (key.startsWith(prefix)) keys.push(key)
        }
      }
    }
    // From the prefix's deepest folder, not the bucket's root: S3's listing cost does not grow with
    // the rest of the bucket, and a bench that fills one bucket run after run must not either.
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1)
    try {
      walk(path.join(this.getBucketPath(bucket), base), base)
    } catch (err) {
      if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') throw err
    }
    keys.sort(byteOrder)
    const found = [], prefixes = new Set()
    let isTruncated = false
    for (const key of keys) {
      if (!key.startsWith(prefix) || (startAfter && byteOrder(key, startAfter) <= 0)) continue
      const idx = delimiter ? key.slice(prefix.length).indexOf(delimiter) : -1
      if (idx !== -1) { prefixes.add(key.slice(0, prefix.length + idx + delimiter.length)); continue }
      if (found.length >= maxKeys) { isTruncated = true; break }
      found.push(key)
    }
    const meta = await Promise.all(found.map((k) => this.getMetadata(bucket, k).catch(() => undefined)))
    return {
      objects: found.map((k, i) => meta[i] && new S3Object(bucket, k, null, meta[i])).filter(Boolean),
      commonPrefixes: [...prefixes].sort(byteOrder),
      isTruncated,
    }
  }
}
const server = new S3rver({
  address: '127.0.0.1', port: cfg.port, directory: cfg.dir, silent: cfg.silent,
  configureBuckets: cfg.buckets.map((name) => ({ name })),
})
// s3rver is a Koa app: a middleware put first runs before its routes.
if (cfg.copyLatencyMs > 0) server.middleware.unshift(async (ctx, next) => {
  if (ctx.method === 'PUT' && ctx.get('x-amz-copy-source')) await new Promise((r) => setTimeout(r, cfg.copyLatencyMs))
  return next()
})
server.run().then((addr) => process.stdout.write(${JSON.stringify(READY)} + JSON.stringify({ port: addr.port }) + '\\n'), die)
// Die with the parent: its end of stdin closes when it exits, however it exits.
process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume()
setInterval(() => { if (process.ppid !== cfg.parentPid) process.exit(0) }, 1000).unref()
process.on('SIGTERM', () => process.exit(0))
`

export async function startS3Server(opts: S3ServerOptions = {}): Promise<LocalS3> {
  const ownDir = opts.dir === undefined
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'archive-sync-s3-')))
  const debug = Boolean(process.env.ARCHIVE_SYNC_S3_DEBUG)
  // Resolved here, in the parent, from this module's own location (source or bundle).
  const s3rverPath = createRequire(import.meta.url).resolve('s3rver')
  const config = { s3rverPath, dir, port: opts.port ?? 0, buckets: opts.buckets ?? [], silent: !debug, parentPid: process.pid, copyLatencyMs: opts.copyLatencyMs ?? 0 }

  // Electron's Node is built on BoringSSL and may reject the flag; the child's shim covers that case.
  const flags = process.allowedNodeEnvironmentFlags.has('--openssl-legacy-provider') ? ['--openssl-legacy-provider'] : []
  const env: NodeJS.ProcessEnv = { ...process.env, ARCHIVE_SYNC_S3RVER_CONFIG: JSON.stringify(config) }
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'
  const child = spawn(process.execPath, [...flags, '--input-type=commonjs', '-e', CHILD_SCRIPT], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    if (debug) process.stderr.write(chunk)
    stderr = (stderr + chunk.toString()).slice(-4_000)
  })

  const cleanup = async (): Promise<void> => {
    if (ownDir) await rm(dir, { recursive: true, force: true })
  }

  let port: number
  try {
    port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout })
      lines.on('line', (line) => {
        if (line.startsWith(READY)) resolve((JSON.parse(line.slice(READY.length)) as { port: number }).port)
        else if (debug) process.stderr.write(`[s3rver] ${line}\n`)
      })
      child.once('error', reject)
      child.once('exit', (code, signal) =>
        reject(new Error(`s3rver child exited before listening (code ${code}, signal ${signal}): ${stderr.trim()}`)),
      )
    })
  } catch (err) {
    child.kill('SIGKILL')
    await cleanup()
    throw err
  }

  let stopping: Promise<void> | undefined
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
        await exited
        clearTimeout(timer)
      }
      child.stdin.destroy()
      await cleanup()
    })())

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dir,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    pid: child.pid ?? -1,
    stop,
  }
}
