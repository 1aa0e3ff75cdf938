// `archive-sync serve` (browser mode) and `archive-sync demo` (the same, against an embedded
// local S3 seeded with a generated Binance-layout archive: no AWS account, no internet).
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cleartextWarnings, isLoopbackHost } from '../../shared/config/endpoint'
import { createApp } from '../app'
import { startServer } from '../serve/server'
import { CliExit, readJson } from './load-config'

export interface ServeArgs {
  port?: number
  host?: string
  dataDir?: string
  config?: string
  json?: boolean
  /** Downloads requested over the socket land inside this folder (default <data dir>/downloads). */
  outputRoot?: string
  /** Bind a non-loopback address: the token and the API then cross the network in plain HTTP. */
  allowRemote?: boolean
}

/** Refuses a non-loopback bind unless asked for; then warns and names the safer way. */
function checkHost(args: ServeArgs): void {
  const host = args.host ?? '127.0.0.1'
  if (isLoopbackHost(host)) return
  const tunnel = `ssh -N -L ${args.port || 8080}:127.0.0.1:${args.port || 8080} <this host>`
  if (!args.allowRemote)
    throw new CliExit(2, `--host ${host} would serve the token and the whole API unencrypted on the network. Keep the default (127.0.0.1) and reach it through an SSH tunnel (${tunnel}), or add --allow-remote if you must.`)
  process.stderr.write(`warning: serving on ${host} without TLS: anyone on the network path can read the token and act as you. An SSH tunnel to 127.0.0.1 is safer: ${tunnel}\n`)
}

type Json = Record<string, unknown>
const at = (o: unknown, k: string): Json => (o && typeof o === 'object' && k in o ? ((o as Json)[k] as Json) : {})
const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

// The bundler may put this module in out/main/ or in out/main/chunks/: look for the built UI
// beside either, so lazy-loading the command does not break `serve` and `demo`.
const rendererDir = () => {
  const candidates = ['../renderer', '../../renderer'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]
}

async function serveWith(args: ServeArgs, baseConfig: Record<string, unknown>, demo: boolean, extra: Record<string, unknown> = {}) {
  const s3 = at(baseConfig, 's3_config')
  const source = at(baseConfig, 'source')
  for (const w of cleartextWarnings({ 's3_config.endpoint_url': str(s3.endpoint_url), 'source.endpoint_url': str(source.endpoint_url), 'source.https_base': str(source.https_base) }))
    process.stderr.write(`warning: ${w}\n`)
  const app = createApp({ transport: 'websocket', dataDir: args.dataDir, baseConfig, demo, outputRoot: args.outputRoot })
  const server = await startServer({
    handlers: app.handlers,
    onEvent: (l) => app.services.jobs.onEvent(l),
    rendererDir: rendererDir(),
    host: args.host,
    port: args.port,
  })
  if (args.json) process.stdout.write(`${JSON.stringify({ url: server.url, dataDir: app.dataDir, outputRoot: app.services.output.path, ...extra })}\n`)
  else process.stdout.write(`Archive Sync is serving on ${server.url}\nOpen it in a browser on this machine. Press Ctrl+C to stop.\n`)
  return { app, server }
}

async function untilSignal(teardown: () => Promise<void>): Promise<number> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await teardown()
  return 0
}

export async function serveCommand(args: ServeArgs): Promise<number> {
  checkHost(args)
  const base = args.config ? await readJson(args.config) : {}
  const { app, server } = await serveWith(args, base, false)
  return untilSignal(async () => {
    await app.close()
    await server.close()
  })
}

export async function demoCommand(args: ServeArgs, copyLatencyMs = 0): Promise<number> {
  checkHost(args)
  // Loaded lazily: only the demo needs s3rver and the fixture generator.
  const { startS3Server } = await import('../dev/s3-server')
  const { demoArchiveSpec, generateArchive, seedBucket } = await import('../dev/fixtures')
  const dataDir = args.dataDir ?? join(process.cwd(), '.archive-sync', 'demo')
  await mkdir(dataDir, { recursive: true })
  const sourceBucket = 'data.binance.vision'
  const destinationBucket = 'lake'
  const s3 = await startS3Server({ buckets: [sourceBucket, destinationBucket], copyLatencyMs })
  const objects = generateArchive(demoArchiveSpec())
  await seedBucket(s3, sourceBucket, objects)
  const creds = { endpoint_url: s3.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region }
  const base = {
    enable_s3_direct_sync: true,
    destination_bucket: destinationBucket,
    destination_prefix: 'bronze/binance',
    s3_config: creds,
    source: { bucket: sourceBucket, endpoint_url: s3.endpoint, region: s3.region },
  }
  const s3Info = { endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, region: s3.region }
  const { app, server } = await serveWith({ ...args, dataDir }, base, true, { s3: s3Info, sourceBucket, destinationBucket, destinationPrefix: 'bronze/binance' })
  if (!args.json) process.stdout.write(`Local S3 at ${s3.endpoint} with ${objects.length} archive objects in ${sourceBucket}; copies land in ${destinationBucket}/bronze/binance\n`)
  return untilSignal(async () => {
    await app.close()
    await server.close()
    await s3.stop()
  })
}
