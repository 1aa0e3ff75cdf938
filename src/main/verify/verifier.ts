// Proves that landed objects are the archive's objects, by the cheapest proof the level allows
// (DESIGN §7): the ETag a server-side copy's response gave the new object, where it is single-part
// (no request at all: S3 reports the object it wrote); one destination listing per folder (1
// request per 1,000 keys) for sizes and ETags of the rest;
// a SHA-256 the engine already has (hashed while downloading, or returned by S3 for a checksummed
// copy) against the zip's .CHECKSUM; a local re-hash for downloads; a GET only when `sha256` is
// asked of a service that keeps no checksum. A checksum mismatch re-reads the .CHECKSUM once.
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { Readable } from 'node:stream'
import pMap from 'p-map'
import type { VERIFY_LEVELS } from '../../shared/config/schema'
import type { VerifyOutcome } from '../../shared/journal'
import type { PlannedTask } from '../../shared/plan'
import { classifyError } from '../s3/errors'
import { containedPath } from '../local/contained'
import { listAll, type ListedObject } from '../s3/list'
import { fetchChecksum, hashFile, hashStream, isSinglePartEtag } from './checksum'

/** etag (the default) means "at least the ETag": SHA-256 wherever it costs no download (local files, S3 checksums). */
type VerifyLevel = (typeof VERIFY_LEVELS)[number]

export interface VerifyInput {
  tasks: readonly PlannedTask[]
  level: VerifyLevel
  source: { client: S3Client; bucket: string }
  /** An S3 bucket, or a local folder (download jobs). */
  destination: { client: S3Client; bucket: string } | { root: string }
  concurrency: number
  signal?: AbortSignal
  /** SHA-256 (hex) an engine reported for a task, and how it got it. */
  reported?: ReadonlyMap<number, { sha256: string; method: 'sha256-stream' | 'sha256-s3' }>
  /** The ETag a server-side copy's response gave a task's new object (this session's copies). */
  copied?: ReadonlyMap<number, string>
  onOutcome(o: VerifyOutcome): void
}

export async function verifyLanded(v: VerifyInput): Promise<{ requests: number }> {
  let requests = 0
  if (v.level === 'none') {
    for (const t of v.tasks) v.onOutcome({ id: t.id, status: 'unverified', reason: 'verify is none' })
    return { requests }
  }
  const dest = v.destination
  const listed = new Map<string, ListedObject>()
  /** The copy's response names the new object's single-part ETag: compared with the source's, it needs no listing. */
  const fromCopy = (t: PlannedTask): string | undefined => {
    const e = v.copied?.get(t.id)
    return 'bucket' in dest && v.level === 'etag' && e !== undefined && isSinglePartEtag(e) && isSinglePartEtag(t.etag) ? e : undefined
  }
  if ('bucket' in dest) {
    const folders = [...new Set(v.tasks.filter((t) => fromCopy(t) === undefined).map((t) => `${dirname(t.destKey)}/`))]
    await pMap(folders, async (prefix) => {
      const r = await listAll(dest.client, dest.bucket, prefix, { signal: v.signal })
      requests += r.requests
      for (const o of r.objects) listed.set(o.key, o)
    }, { concurrency: 8 })
  }
  // The archive's digest, cached per zip; `fresh` forces the one re-read a mismatch earns.
  const sums = new Map<string, Promise<string | undefined>>()
  const checksumOf = (zipKey: string, fresh = false) => {
    if (fresh || !sums.has(zipKey)) {
      requests += 1
      sums.set(zipKey, fetchChecksum(v.source.client, v.source.bucket, zipKey, v.signal))
    }
    return sums.get(zipKey)!
  }
  const bySha = async (t: PlannedTask, actual: string, method: NonNullable<VerifyOutcome['method']>): Promise<VerifyOutcome | undefined> => {
    const expected = await checksumOf(t.sourceKey)
    if (expected === undefined) return undefined
    if (expected === actual) return { id: t.id, status: 'verified', method }
    const again = await checksumOf(t.sourceKey, true)
    if (again === actual) return { id: t.id, status: 'verified', method, reason: 'matched after re-reading the .CHECKSUM' }
    return { id: t.id, status: 'mismatch', method, reason: 'checksum mismatch', expected: again ?? expected, actual }
  }

  const one = async (t: PlannedTask): Promise<VerifyOutcome> => {
    const zip = t.sourceKey.endsWith('.zip')
    const reported = v.reported?.get(t.id)
    if (!('bucket' in dest)) {
      const path = containedPath(dest.root, t.destKey)
      const s = await stat(path).catch(() => undefined)
      if (!s?.isFile()) return { id: t.id, status: 'missing', reason: `not at ${path}` }
      if (s.size !== t.size) return { id: t.id, status: 'mismatch', method: 'size', reason: 'size differs', expected: String(t.size), actual: String(s.size) }
      if (v.level === 'size') return { id: t.id, status: 'verified', method: 'size' }
      // A local file's hash costs a disk read, never a download: always the strong proof.
      if (zip) {
        const r = reported ?? { sha256: await hashFile(path, 'sha256'), method: 'sha256-local' as const }
        const out = await bySha(t, r.sha256, r.method)
        if (out) return out
      }
      if (!isSinglePartEtag(t.etag)) return { id: t.id, status: 'unverified', reason: 'no .CHECKSUM and no single-part ETag to compare' }
      const md5 = await hashFile(path, 'md5')
      return md5 === t.etag ? { id: t.id, status: 'verified', method: 'etag' } : await byFreshEtag(t, md5)
    }
    const copied = fromCopy(t)
    if (copied !== undefined) {
      if (zip && reported?.method === 'sha256-s3') {
        const out = await bySha(t, reported.sha256, 'sha256-s3')
        if (out) return out
      }
      return copied === t.etag ? { id: t.id, status: 'verified', method: 'etag' } : await byFreshEtag(t, copied)
    }
    const d = listed.get(t.destKey)
    if (!d) return { id: t.id, status: 'missing', reason: `not in the destination listing of s3://${dest.bucket}/${dirname(t.destKey)}/` }
    if (d.size !== t.size) return { id: t.id, status: 'mismatch', method: 'size', reason: 'size differs', expected: String(t.size), actual: String(d.size) }
    if (v.level === 'size') return { id: t.id, status: 'verified', method: 'size' }
    if (zip && reported?.method === 'sha256-s3') {
      const out = await bySha(t, reported.sha256, 'sha256-s3')
      if (out) return out
    }
    if (zip && v.level === 'sha256') {
      // Asked for explicitly: the destination keeps no SHA-256, so read it back and hash it.
      requests += 1
      const got = await dest.client.send(new GetObjectCommand({ Bucket: dest.bucket, Key: t.destKey }), { abortSignal: v.signal })
      const out = await bySha(t, await hashStream(got.Body as Readable, 'sha256'), 'sha256-get')
      if (out) return out
    }
    if (!isSinglePartEtag(t.etag) || !isSinglePartEtag(d.etag))
      return { id: t.id, status: 'unverified', reason: 'multipart ETag: not comparable (verify sha256 reads it back)' }
    return d.etag === t.etag ? { id: t.id, status: 'verified', method: 'etag' } : await byFreshEtag(t, d.etag)
  }

  /** An ETag mismatch may be the archive replacing the file since the plan: ask the source once more. */
  const byFreshEtag = async (t: PlannedTask, actual: string): Promise<VerifyOutcome> => {
    requests += 1
    const now = await v.source.client
      .send(new HeadObjectCommand({ Bucket: v.source.bucket, Key: t.sourceKey }), { abortSignal: v.signal })
      .then((h) => h.ETag?.replaceAll('"', ''))
      .catch((err: unknown) => (classifyError(err) === 'not-found' ? undefined : Promise.reject(err)))
    if (now === actual) return { id: t.id, status: 'verified', method: 'etag', reason: 'the archive replaced the file since the plan; the copy is its current version' }
    return { id: t.id, status: 'mismatch', method: 'etag', reason: 'ETag differs from the archive', expected: now ?? t.etag, actual }
  }

  await pMap(v.tasks, async (t) => {
    if (v.signal?.aborted) return v.onOutcome({ id: t.id, status: 'unverified', reason: 'cancelled before verification' })
    const out = await one(t).catch((err: unknown): VerifyOutcome => ({ id: t.id, status: 'unverified', reason: `verification failed: ${(err as Error).message ?? String(err)}` }))
    v.onOutcome(out)
  }, { concurrency: Math.max(1, v.concurrency) })
  return { requests }
}
