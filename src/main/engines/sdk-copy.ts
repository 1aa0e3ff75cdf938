// The AWS SDK engine: server-side CopyObject when both sides are on one service, otherwise a
// streamed GET → (multipart) upload. Bounded concurrency; the SDK retries each request with
// exponential backoff and jitter and honours SlowDown.
import { CopyObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { Readable } from 'node:stream'
import { makeS3Client } from '../s3/clients'
import { classifyError, describeError } from './errors'
import type { CopyTask, EngineContext, Endpoint, TransferEngine } from './types'

export interface SdkEngineOptions {
  source: Endpoint
  destination: Endpoint
  /** copy: server-side CopyObject; stream: bytes flow through this process, memory bounded by parts. */
  mode: 'copy' | 'stream'
  concurrency: number
  retryCount: number
  partSizeMb: number
}

/** URL-encode each path segment: CopySource is a URL path, and keys may hold any UTF-8. */
export const copySource = (bucket: string, key: string): string =>
  `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`

export function createSdkEngine(opts: SdkEngineOptions): TransferEngine {
  const clientOpts = { maxSockets: opts.concurrency + 2, maxAttempts: opts.retryCount + 1 }
  const dest = makeS3Client(opts.destination, clientOpts)
  const src = opts.mode === 'stream' ? makeS3Client(opts.source, clientOpts) : dest

  async function copyOne(t: CopyTask, signal: AbortSignal): Promise<number> {
    const out = await dest.send(
      new CopyObjectCommand({
        Bucket: opts.destination.bucket,
        Key: t.destKey,
        CopySource: copySource(opts.source.bucket, t.sourceKey),
        MetadataDirective: 'COPY',
      }),
      { abortSignal: signal },
    )
    return out.$metadata.attempts ?? 1
  }

  async function streamOne(t: CopyTask, signal: AbortSignal): Promise<number> {
    const got = await src.send(new GetObjectCommand({ Bucket: opts.source.bucket, Key: t.sourceKey }), { abortSignal: signal })
    const upload = new Upload({
      client: dest,
      params: { Bucket: opts.destination.bucket, Key: t.destKey, Body: got.Body as Readable, ContentType: got.ContentType },
      partSize: Math.max(5, opts.partSizeMb) * 1024 * 1024,
      queueSize: 2,
      // A failed multipart upload is aborted, never left to accrue storage.
      leavePartsOnError: false,
    })
    const onAbort = () => void upload.abort()
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      await upload.done()
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
    return got.$metadata.attempts ?? 1
  }

  return {
    name: opts.mode === 'copy' ? 'sdk-copy' : 'sdk-stream',
    async run(tasks: readonly CopyTask[], ctx: EngineContext) {
      let next = 0
      let stopped: string | undefined
      const one = opts.mode === 'copy' ? copyOne : streamOne
      const worker = async () => {
        while (next < tasks.length) {
          const t = tasks[next++]
          if (ctx.signal.aborted || stopped) {
            ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: this.name, reason: stopped ?? 'cancelled', errorClass: 'other', attempts: 0 })
            continue
          }
          ctx.onStart?.([t.id])
          try {
            const attempts = await one(t, ctx.signal)
            ctx.onResult({ id: t.id, outcome: 'synced', bytes: t.size, engine: this.name, attempts })
          } catch (err) {
            const errorClass = ctx.signal.aborted ? 'other' : classifyError(err)
            const reason = ctx.signal.aborted ? 'cancelled' : describeError(err, opts.destination.bucket)
            // RE002 is critical: every further request would be denied too.
            if (errorClass === 'permission' && !stopped) {
              stopped = `not attempted: stopped after AccessDenied (${reason})`
              ctx.log('error', `Access denied on ${t.sourceKey} → ${opts.destination.bucket}/${t.destKey}; stopping the job. ${reason}`)
            }
            ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: this.name, reason, errorClass })
          }
        }
      }
      try {
        await Promise.all(Array.from({ length: Math.min(opts.concurrency, tasks.length) }, worker))
      } finally {
        for (const c of new Set<S3Client>([dest, src])) c.destroy()
      }
    },
  }
}
