// The AWS SDK engine. copy: server-side CopyObject, or multipart UploadPartCopy above the threshold
// (5 GiB, CopyObject's limit), falling back to streaming when the service lacks UploadPartCopy.
// A plain CopyObject goes by the lean path first (s3/lean-copy.ts: a quarter to a third of the SDK's client CPU);
// whatever that path does not understand is sent again through the SDK.
// stream: GET → multipart upload through this process (different endpoints), memory bounded by the
// byte budget. The SDK retries each request with exponential backoff and jitter and honours SlowDown.
import { CopyObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { Engine } from '../../shared/contract'
import { makeS3Client } from '../s3/clients'
import { isFinal, leanCopier, LeanServiceError, type LeanCopier, type LeanCopyResult, type LeanMiss } from '../s3/lean-copy'
import { probeEndpoints } from './breaker'
import { ByteBudget } from './byte-budget'
import { isNotImplemented } from '../s3/errors'
import { getSourceObject } from './https-source'
import { countBytes, meterClient, newMeter, type Attempts, type Meter } from './meter'
import { uploadBody } from './multipart'
import { COPY_OBJECT_LIMIT, multipartCopy, PartCopyUnsupported } from './part-copy'
import { runPool } from './pool'
import type { CopyTask, EngineContext, Endpoint, TaskInput, TransferEngine } from './types'

export interface SdkEngineOptions {
  source: Endpoint
  destination: Endpoint
  /** copy: server-side CopyObject; stream: bytes flow through this process, memory bounded by parts. */
  mode: 'copy' | 'stream'
  concurrency: number
  retryCount: number
  partSizeMb: number
  /** Objects above this many bytes are copied with UploadPartCopy (default and maximum: 5 GiB). */
  multipartCopyThreshold?: number
  /** Part size in bytes, overriding partSizeMb: tests only (S3 rejects parts under 5 MiB but the last; s3rver does not). */
  partBytes?: number
  /** Parts in flight per object (default 2). */
  queueSize?: number
  /** Part buffers held at once across all objects (default: max(2 parts, 256 MiB)). */
  maxBufferedBytes?: number
  /** How long an outage is ridden out (outage_patience_seconds; default 2 minutes). */
  outagePatienceMs?: number
  /** Plain CopyObjects by the lean path first (s3/lean-copy.ts; default on): off, every request goes through the SDK. */
  leanCopy?: boolean
}

/** Lean copies in a row the service refused where the SDK then succeeded: after this many, the service is left to the SDK. */
const LEAN_GIVE_UP = 3

export type SdkEngine = TransferEngine & { meter: Meter; fallbacks: string[]; fallbackCount: number; budget: ByteBudget }

/** URL-encode each path segment: CopySource is a URL path, and keys may hold any UTF-8. */
const copySource = (bucket: string, key: string): string =>
  `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`

/** A service that does not do flexible checksums says so as NotImplemented or as a bad argument; S3 itself accepts them. */
const rejectsChecksum = (err: unknown): boolean => isNotImplemented(err) || ['InvalidArgument', 'InvalidRequest'].includes((err as { name?: string })?.name ?? '')

export const partBytesOf = (o: Pick<SdkEngineOptions, 'partBytes' | 'partSizeMb'>): number => o.partBytes ?? Math.max(5, o.partSizeMb) * 1024 * 1024

export function createSdkEngine(opts: SdkEngineOptions): SdkEngine {
  const meter = newMeter()
  const clientOpts = { maxSockets: opts.concurrency * (opts.queueSize ?? 2) + 2, maxAttempts: opts.retryCount + 1 }
  const dest = meterClient(makeS3Client(opts.destination, clientOpts), meter)
  const src = opts.mode === 'stream' ? meterClient(makeS3Client(opts.source, clientOpts), meter) : dest
  const partBytes = partBytesOf(opts)
  const queueSize = opts.queueSize ?? 2
  const budget = new ByteBudget(opts.maxBufferedBytes ?? Math.max(2 * partBytes, 256 * 1024 * 1024))
  const threshold = Math.min(opts.multipartCopyThreshold ?? COPY_OBJECT_LIMIT, COPY_OBJECT_LIMIT)
  const fallbacks = new Map<string, number>()
  let partCopy: 'unknown' | 'yes' | 'no' = 'unknown'
  // Whether the service accepts ChecksumAlgorithm on CopyObject (S3 does; some compatibles refuse it).
  let checksums: 'unknown' | 'yes' | 'no' = 'unknown'
  let ctxLog: EngineContext['log'] = () => {}
  let lean: Promise<LeanCopier | undefined> | undefined
  let leanOff = false
  let leanMisses = 0
  const name: Engine = opts.mode === 'copy' ? 'sdk-copy' : 'sdk-stream'

  async function streamOne(t: CopyTask, attempts: Attempts, signal: AbortSignal, client: S3Client): Promise<number> {
    const got = await getSourceObject(client, opts.source, t.sourceKey, signal, { maxAttempts: clientOpts.maxAttempts, meter })
    attempts.add(got)
    const size = got.ContentLength ?? t.size
    const body = got.Body.pipe(countBytes(meter))
    got.Body.once('error', (err) => body.destroy(err))
    await uploadBody(body, size, { client: dest, bucket: opts.destination.bucket, key: t.destKey, contentType: got.ContentType }, { partBytes, queueSize, budget, signal, attempts, meter, log: ctxLog })
    return size
  }

  async function copyOne(t: CopyTask, attempts: Attempts, signal: AbortSignal): Promise<{ bytes: number; engine?: Engine }> {
    if (t.size > threshold) {
      if (partCopy !== 'no') {
        try {
          const target = { client: dest, bucket: opts.destination.bucket, key: t.destKey }
          await multipartCopy(target, { copySource: copySource(opts.source.bucket, t.sourceKey), size: t.size, partBytes, queueSize, signal, attempts, log: ctxLog })
          partCopy = 'yes'
          return { bytes: t.size }
        } catch (err) {
          if (!(err instanceof PartCopyUnsupported)) throw err
          attempts.add(err.cause as { $metadata?: { attempts?: number } })
          partCopy = 'no'
          ctxLog('warn', `UploadPartCopy is not available on ${opts.destination.endpointUrl ?? 'this service'} (${err.message}); objects over ${threshold} bytes are streamed through this machine instead`)
        }
      }
      const why = 'UploadPartCopy not implemented by the service: object over the multipart-copy threshold streamed instead'
      fallbacks.set(why, (fallbacks.get(why) ?? 0) + 1)
      // Same service: the source is readable with the destination's client.
      return { bytes: await streamOne(t, attempts, signal, dest), engine: 'sdk-stream' }
    }
    const send = (withChecksum: boolean) =>
      dest.send(
        new CopyObjectCommand({
          Bucket: opts.destination.bucket,
          Key: t.destKey,
          CopySource: copySource(opts.source.bucket, t.sourceKey),
          MetadataDirective: 'COPY',
          // S3 computes the copy's SHA-256 server-side: proof against the .CHECKSUM at no extra cost.
          ...(withChecksum ? { ChecksumAlgorithm: 'SHA256' as const } : {}),
        }),
        { abortSignal: signal },
      )
    let fast = await leanOne(t, checksums !== 'no', signal)
    if (fast && 'miss' in fast && checksums === 'unknown' && rejectsChecksum(new LeanServiceError(fast))) {
      attempts.retries += 1
      refuseChecksums(fast.code)
      fast = await leanOne(t, false, signal)
    }
    if (fast && !('miss' in fast)) return resultOf(t, fast)
    if (fast && isFinal(fast)) throw new LeanServiceError(fast)
    // A lean request that failed was an attempt of this task: it counts as one, whatever the SDK's does.
    if (fast) attempts.retries += 1
    let out
    try {
      out = await send(checksums !== 'no')
    } catch (err) {
      if (checksums !== 'unknown' || !rejectsChecksum(err)) throw err
      refuseChecksums((err as Error).name)
      out = await send(false)
    }
    attempts.add(out)
    // Refused, and the SDK's request succeeded: that refusal was this path's doing, not the service's.
    if (fast?.miss === 'refused' && ++leanMisses >= LEAN_GIVE_UP && !leanOff) {
      leanOff = true
      ctxLog('warn', `Copies go through the AWS SDK's full pipeline from now on: the service refused ${LEAN_GIVE_UP} lean CopyObject requests in a row (last: HTTP ${fast.status ?? '?'}) that the SDK then copied`)
    }
    return resultOf(t, { etag: out.CopyObjectResult?.ETag?.replaceAll('"', ''), checksumSha256: out.CopyObjectResult?.ChecksumSHA256 })
  }

  function refuseChecksums(name: string | undefined): void {
    checksums = 'no'
    ctxLog('warn', `The destination service refused a checksummed copy (${name ?? 'no error code'}); copies are proved by ETag instead`)
  }

  /** The lean path's answer (a miss: the SDK then sends the copy), or undefined when it is off. */
  async function leanOne(t: CopyTask, checksum: boolean, signal: AbortSignal): Promise<LeanCopyResult | LeanMiss | undefined> {
    const copier = await lean
    if (!copier || leanOff) return undefined
    meter.requests += 1
    const r = await copier.copy({ key: t.destKey, copySource: copySource(opts.source.bucket, t.sourceKey), checksum, signal })
    if (!('miss' in r)) leanMisses = 0
    return r
  }

  function resultOf(t: CopyTask, r: LeanCopyResult): { bytes: number; sha256?: string; etag?: string } {
    const b64 = r.checksumSha256
    if (b64 && !b64.includes('-')) checksums = 'yes'
    return { bytes: t.size, ...(b64 && !b64.includes('-') ? { sha256: Buffer.from(b64, 'base64').toString('hex') } : {}), ...(r.etag ? { etag: r.etag } : {}) }
  }

  return {
    name,
    meter,
    budget,
    get fallbacks() {
      return [...fallbacks].map(([why, n]) => `${why} (${n} objects)`)
    },
    get fallbackCount() {
      return [...fallbacks.values()].reduce((a, n) => a + n, 0)
    },
    async run(tasks: TaskInput, ctx: EngineContext) {
      ctxLog = (level, message) => ctx.log(level, message)
      // Resolving the endpoint is local work (the SDK's rules), so a failure only means the SDK copies everything.
      if (opts.mode === 'copy' && opts.leanCopy !== false) lean = leanCopier(dest, opts.destination.bucket, clientOpts.maxSockets).catch(() => undefined)
      const probes = probeEndpoints(opts.mode === 'copy' ? [opts.destination] : [opts.source, opts.destination])
      const pool = { engine: name, concurrency: opts.concurrency, bucket: opts.destination.bucket, retryCount: opts.retryCount, probe: probes.probe, outagePatienceMs: opts.outagePatienceMs }
      try {
        await runPool(tasks, ctx, pool, opts.mode === 'copy' ? copyOne : async (t, a, s) => ({ bytes: await streamOne(t, a, s, src) }))
      } finally {
        void lean?.then((c) => c?.destroy())
        for (const c of new Set<S3Client>([dest, src])) c.destroy()
        probes.destroy()
      }
    },
  }
}
