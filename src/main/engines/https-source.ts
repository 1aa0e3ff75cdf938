// Object bytes from the HTTPS archive (source.https_base, e.g. https://data.binance.vision/): a plain
// unsigned GET of base + key, each path segment URL-encoded — how the archive's own scripts fetch
// files through CloudFront. Listing stays on the S3 endpoint; only the bytes come from here.
// Retries: a bounded number of attempts with exponential backoff and jitter on 5xx, 429 and network
// errors; a 404 or 403 fails at once with the URL and the status.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { Meter } from './meter'
import { withRetries } from './retry'
import type { Endpoint } from './types'

/** base + key, each path segment URL-encoded (keys may hold any UTF-8, `+`, `=`, spaces ...). */
export const httpsUrl = (base: string, key: string): string => base + key.split('/').map(encodeURIComponent).join('/')

/** The parts of a GetObject answer the engines use; `$metadata.attempts` feeds the task's attempts. */
export interface SourceObject {
  Body: Readable
  ContentLength?: number
  ContentType?: string
  /** The version's Last-Modified: a local copy keeps it as its mtime (the incremental diff reads it back). */
  LastModified?: Date
  $metadata: { attempts?: number; httpStatusCode?: number }
}

/** An HTTP answer other than 2xx. 404 → NotFound, 403 → AccessDenied in the report's classes. */
class HttpsSourceError extends Error {
  readonly $metadata: { httpStatusCode: number; attempts: number }
  constructor(
    readonly url: string,
    status: number,
    statusText: string,
    attempts: number,
  ) {
    super(`GET ${url} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}${attempts > 1 ? ` after ${attempts} attempts` : ''}`)
    this.name = status === 404 ? 'NotFound' : status === 403 ? 'AccessDenied' : 'HttpError'
    this.$metadata = { httpStatusCode: status, attempts }
  }
}

const retryable = (status: number): boolean => status >= 500 || status === 429

/** fetch() itself failed: no answer at all. */
class NetworkError extends Error {}

interface HttpsGetOptions {
  signal: AbortSignal
  /** Total attempts (1 + retries). */
  maxAttempts: number
  /** Each attempt is a request: counted here. Bytes are counted by whoever reads the body. */
  meter?: Meter
}

async function httpsGet(url: string, o: HttpsGetOptions): Promise<SourceObject> {
  const once = async (attempt: number): Promise<SourceObject> => {
    if (o.meter) o.meter.requests += 1
    let res: Response
    try {
      // No redirects: the archive answers its keys directly, and following one would let the base fetch any other URL (a 3xx fails as its status).
      res = await fetch(url, { signal: o.signal, headers: { 'accept-encoding': 'identity' }, redirect: 'manual' })
    } catch (err) {
      if (o.signal.aborted) throw err
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      const e = new NetworkError(`GET ${url} failed: network error (${cause?.code ?? cause?.message ?? (err as Error).message}) after ${attempt} attempts`, { cause: err })
      throw Object.assign(e, { code: cause?.code, $metadata: { attempts: attempt } })
    }
    if (res.ok && res.body) {
      const length = res.headers.get('content-length')
      return {
        Body: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
        ContentLength: length === null ? undefined : Number(length),
        ContentType: res.headers.get('content-type') ?? undefined,
        LastModified: res.headers.has('last-modified') ? new Date(res.headers.get('last-modified')!) : undefined,
        $metadata: { attempts: attempt, httpStatusCode: res.status },
      }
    }
    await res.body?.cancel().catch(() => undefined)
    throw new HttpsSourceError(url, res.status, res.statusText, attempt)
  }
  const shouldRetry = (err: unknown) => err instanceof NetworkError || (err instanceof HttpsSourceError && retryable(err.$metadata.httpStatusCode))
  return withRetries(once, { retries: o.maxAttempts - 1, signal: o.signal, shouldRetry })
}

/** The source object's bytes: from the HTTPS archive when the source has `httpsBase`, else S3 GetObject. */
export async function getSourceObject(client: S3Client, source: Endpoint, key: string, signal: AbortSignal, o: { maxAttempts: number; meter?: Meter }): Promise<SourceObject> {
  if (source.httpsBase) return httpsGet(httpsUrl(source.httpsBase, key), { signal, ...o })
  const got = await client.send(new GetObjectCommand({ Bucket: source.bucket, Key: key }), { abortSignal: signal })
  return got as SourceObject
}
