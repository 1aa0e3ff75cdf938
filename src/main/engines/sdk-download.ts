// Download to a local folder: stream to a hidden temp file beside the target, hash while
// streaming, fsync, then rename. The final path never holds a half-written file: a failure
// mid-stream removes the temp file and leaves whatever was at the final path untouched.
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { assertParentUnder, containedPath } from '../local/contained'
import { makeS3Client } from '../s3/clients'
import { getSourceObject } from './https-source'
import { meterClient, newMeter, type Meter } from './meter'
import { runPool } from './pool'
import type { CopyTask, EngineContext, Endpoint, TransferEngine } from './types'

/** Makes the rename itself durable where the platform allows fsync on a directory (not Windows). */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined)
  if (fh) await fh.sync().catch(() => undefined).finally(() => fh.close())
}

/** `root`: the folder the target must stay under, checked again by real path before the rename. */
export async function downloadTo(stream: Readable, target: string, meter?: Meter, root?: string): Promise<{ bytes: number; sha256: string }> {
  await mkdir(dirname(target), { recursive: true })
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`)
  const hash = createHash('sha256')
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk)
      bytes += chunk.length
      if (meter) meter.hostBytes += chunk.length
      cb(null, chunk)
    },
  })
  try {
    await pipeline(stream, tap, createWriteStream(temp))
    const fh = await open(temp, 'r+')
    await fh.sync().finally(() => fh.close())
    if (root) await assertParentUnder(root, target)
    await rename(temp, target)
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
  await syncDir(dirname(target))
  return { bytes, sha256: hash.digest('hex') }
}

export type DownloadEngine = TransferEngine & { meter: Meter }

export function createDownloadEngine(opts: { source: Endpoint; root: string; concurrency: number; retryCount: number }): DownloadEngine {
  const meter = newMeter()
  const client = meterClient(makeS3Client(opts.source, { maxSockets: opts.concurrency + 2, maxAttempts: opts.retryCount + 1 }), meter)
  return {
    name: 'download',
    meter,
    async run(tasks: readonly CopyTask[], ctx: EngineContext) {
      try {
        await runPool(tasks, ctx, { engine: 'download', concurrency: opts.concurrency, bucket: opts.source.bucket, retryCount: opts.retryCount }, async (t, attempts, signal) => {
          const target = containedPath(opts.root, t.destKey)
          const got = await getSourceObject(client, opts.source, t.sourceKey, signal, { maxAttempts: opts.retryCount + 1, meter })
          attempts.add(got)
          // The hash taken while streaming is the proof the verifier checks against the .CHECKSUM.
          return downloadTo(got.Body, target, meter, opts.root)
        })
      } finally {
        client.destroy()
      }
    },
  }
}
