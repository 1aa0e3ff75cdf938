// Sort an SDK/network error into the report's classes, and say what to do about it.
import type { ErrorClass } from '../../shared/contract'

interface SdkLikeError {
  name?: string
  code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
  $retryable?: unknown
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'])

export function classifyError(err: unknown): ErrorClass {
  const e = (err ?? {}) as SdkLikeError
  const status = e.$metadata?.httpStatusCode
  const name = e.name ?? ''
  if (name === 'AccessDenied' || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || status === 403) return 'permission'
  if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket')) return 'not-found'
  if (name === 'SlowDown' || name === 'Throttling' || name === 'ThrottlingException' || status === 503 || status === 429) return 'throttled'
  if (name === 'ChecksumMismatch') return 'checksum'
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(name) || name === 'TimeoutError' || /socket hang up|ECONN|network|^aborted$|premature close/i.test(e.message ?? ''))
    return 'network'
  return 'other'
}

/** The error as a person reads it: the service's code and message, plus the fix where we know it. */
export function describeError(err: unknown, bucket?: string): string {
  const e = (err ?? {}) as SdkLikeError
  const head = [e.name && e.name !== 'Error' ? e.name : e.code, e.message].filter(Boolean).join(': ') || String(err)
  switch (classifyError(err)) {
    case 'permission':
      return `${head} (RE002: the credentials may not read the source or write to ${bucket ?? 'the destination bucket'}; grant s3:GetObject on the source and s3:PutObject on the destination)`
    case 'network':
      return `${head} (RE003: check the endpoint URL and the network; retried with backoff)`
    default:
      return head
  }
}
