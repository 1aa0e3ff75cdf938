// One place that turns resolved settings into S3 clients. Credentials come from the config's
// explicit keys, a named profile, or the AWS default chain (env, shared files, SSO, IMDS), and
// never leave the main process.
import { Agent } from 'node:https'
import { Agent as HttpAgent } from 'node:http'
import { S3Client } from '@aws-sdk/client-s3'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { backoffDelay, REQUEST_BACKOFF } from '../../shared/backoff'
import type { JobConfig } from '../../shared/config/validate'

/** Connection settings for one side, already resolved (credentials stay in main). */
export interface Endpoint {
  bucket: string
  region: string
  endpointUrl?: string
  anonymous?: boolean
  /** Object bytes by unsigned HTTP GET of this base + key (source.https_base); listing stays on S3. */
  httpsBase?: string
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  profile?: string
}

export interface ClientOptions {
  /** Sockets per client: a little above the number of requests in flight. */
  maxSockets?: number
  /** SDK attempts per request (1 + retries), spaced by the one backoff formula (src/shared/backoff.ts). */
  maxAttempts?: number
}

/** How long a request may go unanswered: the SDK's handler and the lean copy path (lean-copy.ts) alike. */
export const REQUEST_TIMEOUT_MS = 120_000

export function makeS3Client(ep: Endpoint, opts: ClientOptions = {}): S3Client {
  const maxSockets = opts.maxSockets ?? 50
  const custom = ep.endpointUrl !== undefined
  return new S3Client({
    region: ep.region,
    ...(custom ? { endpoint: ep.endpointUrl, forcePathStyle: true } : {}),
    ...(ep.credentials ? { credentials: ep.credentials } : {}),
    ...(ep.profile && !ep.credentials ? { profile: ep.profile } : {}),
    // Unsigned requests for the public archive: any principal may read it anonymously. The SDK
    // still resolves an identity before signing, so a placeholder keeps a machine without any
    // AWS credentials from failing with CredentialsProviderError; the no-op signer never uses it.
    ...(ep.anonymous ? { signer: { sign: async (request) => request }, credentials: { accessKeyId: 'anonymous', secretAccessKey: 'anonymous' } } : {}),
    // Flexible checksums only where an operation requires one (DeleteObjects) or a command asks
    // (CopyObject's ChecksumAlgorithm): integrity is proved by our own verification (S3's SHA256,
    // ETags, hashes while streaming), so a CRC32 over every streamed part and every GET body is
    // CPU spent twice. S3-compatible servers (MinIO, s3rver, ...) often reject them anyway.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The SDK's own strategy (retryable codes, SlowDown, its retry quota) with our delays, so a
    // request retried by the SDK and one retried by withRetries wait the same way.
    retryStrategy: new ConfiguredRetryStrategy(opts.maxAttempts ?? 4, (attempt) => backoffDelay(attempt - 1, REQUEST_BACKOFF)),
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new Agent({ keepAlive: true, maxSockets }),
      connectionTimeout: 10_000,
      requestTimeout: REQUEST_TIMEOUT_MS,
    }),
  })
}

/** The source side of a job: the archive (public, anonymous by default). */
export function sourceEndpoint(c: JobConfig): Endpoint {
  return {
    bucket: c.source.bucket,
    region: c.source.region,
    endpointUrl: c.source.endpoint_url,
    anonymous: c.source.anonymous,
    ...(c.source.https_base ? { httpsBase: c.source.https_base } : {}),
    ...destinationCredentials(c),
  }
}

/** The destination side: the user's bucket with the user's credentials. */
export function destinationEndpoint(c: JobConfig): Endpoint {
  return {
    bucket: c.destination_bucket ?? '',
    region: c.s3_config.region,
    endpointUrl: c.s3_config.endpoint_url,
    ...destinationCredentials(c),
  }
}

function destinationCredentials(c: JobConfig): Pick<Endpoint, 'credentials' | 'profile'> {
  const s = c.s3_config
  if (s.access_key_id && s.secret_access_key)
    return { credentials: { accessKeyId: s.access_key_id, secretAccessKey: s.secret_access_key, sessionToken: s.session_token } }
  return s.profile ? { profile: s.profile } : {}
}
