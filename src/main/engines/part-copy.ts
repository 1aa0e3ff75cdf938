// Server-side multipart copy (UploadPartCopy) for objects over CopyObject's 5 GB limit: no byte
// passes through this machine. Some S3-compatible servers lack UploadPartCopy (s3rver answers
// 501 NotImplemented): that is detected on the first part, the upload is aborted, and the caller
// falls back to streaming that object — and every later one, without asking again.
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCopyCommand } from '@aws-sdk/client-s3'
import pMap from 'p-map'
import { describeError, isNotImplemented } from '../s3/errors'
import { abortUpload, fitPartSize, type UploadTarget } from './multipart'
import type { Attempts } from './meter'

/** CopyObject copies at most 5 GiB in one request. */
export const COPY_OBJECT_LIMIT = 5 * 1024 ** 3

export class PartCopyUnsupported extends Error {
  constructor(cause: unknown) {
    super(`the destination service does not implement UploadPartCopy (${describeError(cause)})`, { cause })
    this.name = 'PartCopyUnsupported'
  }
}

export interface PartCopyOptions {
  copySource: string
  size: number
  partBytes: number
  queueSize: number
  signal: AbortSignal
  attempts: Attempts
  log?(level: 'warn', message: string): void
}

export async function multipartCopy(t: UploadTarget, o: PartCopyOptions): Promise<void> {
  const base = { Bucket: t.bucket, Key: t.key }
  const partBytes = fitPartSize(o.size, o.partBytes)
  const created = await t.client.send(new CreateMultipartUploadCommand({ ...base, ContentType: t.contentType }), { abortSignal: o.signal })
  o.attempts.add(created)
  const uploadId = created.UploadId!
  const ranges: { n: number; range: string }[] = []
  for (let n = 1, start = 0; start < o.size; n++, start += partBytes) ranges.push({ n, range: `bytes=${start}-${Math.min(start + partBytes, o.size) - 1}` })
  const parts: { PartNumber: number; ETag: string }[] = []
  const copyPart = async (r: { n: number; range: string }) => {
    try {
      const out = await t.client.send(
        new UploadPartCopyCommand({ ...base, UploadId: uploadId, PartNumber: r.n, CopySource: o.copySource, CopySourceRange: r.range }),
        { abortSignal: o.signal },
      )
      o.attempts.add(out)
      parts.push({ PartNumber: r.n, ETag: out.CopyPartResult!.ETag! })
    } catch (err) {
      throw isNotImplemented(err) ? new PartCopyUnsupported(err) : err
    }
  }
  try {
    // The first part alone: if the service lacks UploadPartCopy, that is the only request wasted.
    await copyPart(ranges[0])
    let failure: unknown
    // After a failure the parts not yet started are skipped. The mapper never rejects, so p-map
    // settles only once every part in flight has: no part lands after the abort below.
    const copyRest = async (r: (typeof ranges)[number]) => {
      if (failure === undefined) await copyPart(r).catch((err: unknown) => void (failure ??= err))
    }
    await pMap(ranges.slice(1), copyRest, { concurrency: Math.max(1, o.queueSize) })
    if (failure !== undefined) throw failure
    parts.sort((a, b) => a.PartNumber - b.PartNumber)
    o.attempts.add(await t.client.send(new CompleteMultipartUploadCommand({ ...base, UploadId: uploadId, MultipartUpload: { Parts: parts } }), { abortSignal: o.signal }))
  } catch (err) {
    await abortUpload(t, uploadId, o)
    throw err
  }
}
