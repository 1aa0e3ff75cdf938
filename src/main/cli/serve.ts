// `archive-sync serve` (browser mode) and `archive-sync demo` (the same, against an embedded
// local S3 seeded with a generated Binance-layout archive: no AWS account, no internet).
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from '../app'
import { startServer } from '../serve/server'
import { readJson } from './load-config'

export interface ServeArgs {
  port?: number
  host?: string
  dataDir?: string
  config?: string
  json?: boolean
}

// The bundler may put this module in out/main/ or in out/main/chunks/: look for the built UI
// beside either, so lazy-loading the command does not break `serve` and `demo`.
const rendererDir = () => {
  const candidates = ['../renderer', '../../renderer'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]
}

async function serveWith(args: ServeArgs, baseConfig: Record<string, unknown>, demo: boolean, extra: Record<string, unknown> = {}) {
  const app = createApp({ transport: 'websocket', dataDir: args.dataDir, baseConfig, demo })
  const server = await startServer({
    handlers: app.handlers,
    onEvent: (l) => app.services.jobs.onEvent(l),
    rendererDir: rendererDir(),
    host: args.host,
    port: args.port,
  })
  if (args.json) process.stdout.write(`${JSON.stringify({ url: server.url, dataDir: app.dataDir, ...extra })}\n`)
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
  const base = args.config ? await readJson(args.config) : {}
  const { app, server } = await serveWith(args, base, false)
  return untilSignal(async () => {
    await app.close()
    await server.close()
  })
}

export async function demoCommand(args: ServeArgs): Promise<number> {
  // Loaded lazily: only the demo needs s3rver and the fixture generator.
  const { startS3Server } = await import('../dev/s3-server')
  const { demoArchiveSpec, generateArchive, seedBucket } = await import('../dev/fixtures')
  const dataDir = args.dataDir ?? join(process.cwd(), '.archive-sync', 'demo')
  await mkdir(dataDir, { recursive: true })
  const sourceBucket = 'data.binance.vision'
  const destinationBucket = 'lake'
  const s3 = await startS3Server({ buckets: [sourceBucket, destinationBucket] })
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
