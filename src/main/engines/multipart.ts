// Upload a body of known size: one PutObject when it fits in a part, otherwise a multipart upload
// with `queueSize` parts in flight, each part retried by the SDK (exponential backoff with jitter,
// SlowDown-aware), and the upload aborted — awaited, not fire-and-forget — on any failure or
// cancel, so no parts are left accruing storage. Memory: every part buffer comes from the budget.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import type { Readable } from 'node:stream'
import type { ByteBudget } from './byte-budget'
import type { Attempts, Meter } from './meter'

export interface UploadTarget {
  client: S3Client
  bucket: string
  key: string
  contentType?: string
}

export interface UploadOptions {
  partBytes: number
  queueSize: number
  budget: ByteBudget
  signal: AbortSignal
  attempts: Attempts
  /** Uploaded bytes are added to hostBytes: they left this machine. */
  meter?: Meter
  log?(level: 'warn', message: string): void
}

/** S3 allows 10,000 parts: grow the part size for huge objects rather than fail at part 10,001. */
export const fitPartSize = (size: number, partBytes: number): number => Math.max(partBytes, Math.ceil(size / 10_000))

/** Reads exactly `bytes` from the iterator's stream into one buffer (the leftover is carried over). */
async function readExactly(it: AsyncIterator<Buffer>, carry: Buffer[], bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let have = 0
  while (have < bytes) {
    const next = carry.length > 0 ? carry.shift()! : ((await it.next()).value as Buffer | undefined)
    if (!next) throw new Error(`body ended after ${have} of ${bytes} expected bytes`)
    const take = next.subarray(0, bytes - have)
    if (take.length < next.length) carry.unshift(next.subarray(take.length))
    chunks.push(take)
    have += take.length
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes)
}

export async function uploadBody(body: Readable, size: number, t: UploadTarget, o: UploadOptions): Promise<void> {
  const partBytes = fitPartSize(size, o.partBytes)
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const carry: Buffer[] = []
  const base = { Bucket: t.bucket, Key: t.key }
  try {
    if (size <= partBytes) {
      await o.budget.acquire(size, o.signal)
      try {
        const data = await readExactly(it, carry, size)
        o.attempts.add(await t.client.send(new PutObjectCommand({ ...base, Body: data, ContentLength: size, ContentType: t.contentType }), { abortSignal: o.signal }))
        if (o.meter) o.meter.hostBytes += size
      } finally {
        o.budget.release(size)
      }
      return
    }
    const created = await t.client.send(new CreateMultipartUploadCommand({ ...base, ContentType: t.contentType }), { abortSignal: o.signal })
    o.attempts.add(created)
    const uploadId = created.UploadId!
    const parts: { PartNumber: number; ETag: string }[] = []
    const inFlight = new Set<Promise<void>>()
    let failure: unknown
    try {
      for (let n = 1, offset = 0; offset < size && failure === undefined; n++, offset += partBytes) {
        const len = Math.min(partBytes, size - offset)
        while (inFlight.size >= o.queueSize) await Promise.race(inFlight)
        if (failure !== undefined) break
        await o.budget.acquire(len, o.signal)
        let data: Buffer
        try {
          data = await readExactly(it, carry, len)
        } catch (err) {
          o.budget.release(len)
          throw err
        }
        const p: Promise<void> = t.client
          .send(new UploadPartCommand({ ...base, UploadId: uploadId, PartNumber: n, Body: data, ContentLength: len }), { abortSignal: o.signal })
          .then(
            (out) => {
              o.attempts.add(out)
              if (o.meter) o.meter.hostBytes += len
              parts.push({ PartNumber: n, ETag: out.ETag! })
            },
            (err: unknown) => {
              // The thrown error's own attempts are added by the pool.
              failure ??= err
            },
          )
          .finally(() => {
            o.budget.release(len)
            inFlight.delete(p)
          })
        inFlight.add(p)
      }
      await Promise.all(inFlight)
      if (failure !== undefined) throw failure
      parts.sort((a, b) => a.PartNumber - b.PartNumber)
      o.attempts.add(
        await t.client.send(new CompleteMultipartUploadCommand({ ...base, UploadId: uploadId, MultipartUpload: { Parts: parts } }), { abortSignal: o.signal }),
      )
    } catch (err) {
      await Promise.allSettled(inFlight)
      await abortUpload(t, uploadId, o)
      throw err
    }
  } finally {
    // Stop the source too (a GET or a file): nothing more will be read from it.
    body.destroy()
  }
}

/** Abort even when the job's signal already fired (a cancel must not leave parts behind). */
export async function abortUpload(t: UploadTarget, uploadId: string, o: Pick<UploadOptions, 'log'>): Promise<void> {
  try {
    await t.client.send(new AbortMultipartUploadCommand({ Bucket: t.bucket, Key: t.key, UploadId: uploadId }))
  } catch (err) {
    o.log?.('warn', `could not abort the multipart upload ${uploadId} of ${t.bucket}/${t.key}: ${(err as Error).message}; a bucket lifecycle rule (AbortIncompleteMultipartUpload) will clean it`)
  }
}
