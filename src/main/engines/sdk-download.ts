// Download to a local folder: stream to a hidden temp file beside the target, hash while
// streaming, fsync, then rename. The final path never holds a half-written file.
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { makeS3Client } from '../s3/clients'
import { classifyError, describeError } from './errors'
import type { CopyTask, EngineContext, Endpoint, TransferEngine } from './types'

/** Resolves `key` under `root`, refusing anything that would land outside it. */
export function safeLocalPath(root: string, key: string): string {
  const abs = resolve(root, key)
  const rel = relative(resolve(root), abs)
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) throw new Error(`refusing to write outside ${root}: ${key}`)
  return abs
}

export async function downloadTo(stream: Readable, target: string): Promise<{ bytes: number; sha256: string }> {
  await mkdir(dirname(target), { recursive: true })
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`)
  const hash = createHash('sha256')
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk)
      bytes += chunk.length
      cb(null, chunk)
    },
  })
  try {
    await pipeline(stream, tap, createWriteStream(temp))
    const fh = await open(temp, 'r')
    await fh.sync().finally(() => fh.close())
    await rename(temp, target)
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
  return { bytes, sha256: hash.digest('hex') }
}

export function createDownloadEngine(opts: { source: Endpoint; root: string; concurrency: number; retryCount: number }): TransferEngine {
  const client = makeS3Client(opts.source, { maxSockets: opts.concurrency + 2, maxAttempts: opts.retryCount + 1 })
  return {
    name: 'download',
    async run(tasks: readonly CopyTask[], ctx: EngineContext) {
      let next = 0
      const worker = async () => {
        while (next < tasks.length) {
          const t = tasks[next++]
          if (ctx.signal.aborted) {
            ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: 'download', reason: 'cancelled', errorClass: 'other', attempts: 0 })
            continue
          }
          ctx.onStart?.([t.id])
          try {
            const target = safeLocalPath(opts.root, t.destKey)
            const got = await client.send(new GetObjectCommand({ Bucket: opts.source.bucket, Key: t.sourceKey }), { abortSignal: ctx.signal })
            const { bytes } = await downloadTo(got.Body as Readable, target)
            ctx.onResult({ id: t.id, outcome: 'synced', bytes, engine: 'download', attempts: got.$metadata.attempts ?? 1 })
          } catch (err) {
            const reason = ctx.signal.aborted ? 'cancelled' : describeError(err)
            ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: 'download', reason, errorClass: ctx.signal.aborted ? 'other' : classifyError(err) })
          }
        }
      }
      try {
        await Promise.all(Array.from({ length: Math.min(opts.concurrency, tasks.length) }, worker))
      } finally {
        client.destroy()
      }
    },
  }
}
