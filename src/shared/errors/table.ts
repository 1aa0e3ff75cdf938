// The one error table. Every failure is sorted here, whoever saw it: the SDK (its error's name or
// code and HTTP status), s5cmd (the code aws-sdk-go prints at the head of its error text), or Node
// (a socket's errno). The engines, the pre-flight checks, the verifier and the UI's error panel all
// read their class, RE code, message and fix from these rows. Codes: the S3 API reference's
// "Error responses" list; RE001–RE003: spec §7.1.2; troubleshooting names: spec 004.
import type { ErrorClass } from '../contract'

/** The spec's runtime errors: what happened and what to do. What the app does about each is the class's `fallback`. */
export const RUNTIME = {
  RE001: { message: 's5cmd not available', fix: 'install s5cmd 2.2.2 or newer on PATH, or set s5cmd_path / S5CMD_PATH' },
  RE002: { message: 'access denied', fix: 'check IAM permissions and bucket policies: s3:ListBucket and s3:GetObject on the source, s3:PutObject on the destination' },
  RE003: { message: 'network connectivity', fix: 'check the endpoint URL, the network and firewall rules to the S3 endpoint' },
} as const
type RuntimeCode = keyof typeof RUNTIME

interface ClassInfo {
  /** The error panel's heading. */
  title: string
  fix: string
  code?: RuntimeCode
  /** Worth another attempt after a backoff (when the SDK has not already retried it). */
  retryable: boolean
  /** Worth handing to another engine once (spec §7.2: retry, then fall back); RE002 never is. */
  fallback: boolean
}

const sentence = (s: string): string => s[0]!.toUpperCase() + s.slice(1)

export const ERROR_CLASSES: Record<ErrorClass, ClassInfo> = {
  permission: { title: 'Access denied', code: 'RE002', fix: `${sentence(RUNTIME.RE002.fix)}, then re-run: finished files are skipped.`, retryable: false, fallback: false },
  network: { title: 'Network', code: 'RE003', fix: `${sentence(RUNTIME.RE003.fix)}; raise retry_count for flaky links.`, retryable: true, fallback: true },
  throttled: { title: 'Throttled', fix: 'S3 asked to slow down (SlowDown): lower max_concurrent and re-run.', retryable: true, fallback: true },
  'not-found': { title: 'Not found', fix: 'The archive or bucket lacks the object: check the bucket name, region and the selected dates.', retryable: false, fallback: false },
  checksum: { title: 'Checksum mismatch', fix: 'The copy differs from the archive: re-run the job; if it persists, the archive file changed mid-copy.', retryable: false, fallback: false },
  s5cmd: { title: 's5cmd', fix: `${sentence(RUNTIME.RE001.fix)}, or set operation_mode to traditional to use the SDK only.`, retryable: false, fallback: true },
  other: { title: 'Other', fix: 'Read the messages; run from the CLI with --log debug for details.', retryable: false, fallback: true },
}

/** The troubleshooting table's names (spec 004), which the pre-flight lines carry as their code. */
export type TroubleshootingCode = 'NoCredentials' | 'AccessDenied' | 'NoSuchBucket' | 'EndpointConnectionError' | 'InvalidAccessKeyId' | 'Unknown'

export const TROUBLESHOOTING: Record<TroubleshootingCode, string> = {
  NoCredentials: 'Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pick a profile (aws configure), or give s3_config.access_key_id and secret_access_key.',
  // The pre-flight also deletes the probe object it wrote.
  AccessDenied: `${sentence(RUNTIME.RE002.fix)}, and s3:DeleteObject on the destination for the pre-flight probe.`,
  NoSuchBucket: 'Create the bucket (aws s3 mb s3://<bucket>) or correct its name and region.',
  EndpointConnectionError: `${sentence(RUNTIME.RE003.fix)}, and endpoint_url if you set one.`,
  InvalidAccessKeyId: 'The access key is unknown to this endpoint: check the key, the profile or endpoint_url.',
  Unknown: 'Read the message; run the job with --log debug for details.',
}

export interface ErrorRow {
  /** Absent: the class of whoever saw it (s5cmd's own errors are `s5cmd`, the SDK's `other`). */
  errorClass?: ErrorClass
  troubleshooting?: TroubleshootingCode
  /** What to do, where the class's fix says too little. */
  fix?: string
  /** What to say when the service sent no message (a HEAD answer has no body). */
  message?: string
  /** The service does not implement the operation: S3-compatible servers lacking UploadPartCopy or flexible checksums. */
  unsupported?: true
}

const permission = (troubleshooting: TroubleshootingCode = 'AccessDenied'): ErrorRow => ({ errorClass: 'permission', troubleshooting })
const throttled: ErrorRow = { errorClass: 'throttled' }
const network: ErrorRow = { errorClass: 'network', troubleshooting: 'EndpointConnectionError' }

/** Error code → row. Keys are exact: S3 codes, SDK error names, Node errnos, aws-sdk-go v1 codes. */
export const ERROR_CODES: Readonly<Record<string, ErrorRow>> = {
  AccessDenied: permission(),
  AllAccessDisabled: permission(),
  AccountProblem: permission(),
  // A HEAD answer's 403 has no body, so the SDK names it by the status text.
  Forbidden: { ...permission(), message: 'access denied (403)' },
  InvalidAccessKeyId: permission('InvalidAccessKeyId'),
  SignatureDoesNotMatch: permission('InvalidAccessKeyId'),
  NoSuchKey: { errorClass: 'not-found' },
  // HEAD again: a missing bucket or key answers a bare 404. The pre-flight's only HEAD is HeadBucket.
  NotFound: { errorClass: 'not-found', troubleshooting: 'NoSuchBucket', message: 'the bucket does not exist' },
  // Not a missing object: the whole copy is misaddressed, and no retry will find the bucket.
  NoSuchBucket: { errorClass: 'other', troubleshooting: 'NoSuchBucket', fix: 'a bucket in this copy does not exist: check the bucket names' },
  SlowDown: throttled,
  Throttling: throttled,
  ThrottlingException: throttled,
  RequestLimitExceeded: throttled,
  TooManyRequests: throttled,
  ServiceUnavailable: throttled,
  ChecksumMismatch: { errorClass: 'checksum' },
  EntityTooLarge: { fix: 'objects over 5 GB need a multipart copy: use the SDK engine' },
  // s3rver answers 501 NotImplemented to UploadPartCopy; S3 itself never answers these for what we send.
  NotImplemented: { unsupported: true },
  MethodNotAllowed: { unsupported: true },
  CredentialsProviderError: { troubleshooting: 'NoCredentials' },
  // The socket timed out mid-request on the service's side (S3 400 RequestTimeout).
  RequestTimeout: network,
  // aws-sdk-go v1 (s5cmd): the request never got an answer.
  RequestError: network,
  TimeoutError: network,
  ...Object.fromEntries(
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'].map((c) => [c, network]),
  ),
}

/** Texts that mean no answer came back, from Node, the SDK and Go's net package (s5cmd). */
export const NETWORK_TEXT =
  /socket hang up|ECONN|network|^aborted$|premature close|connection refused|connection reset|broken pipe|dial tcp|no such host|i\/o timeout|timed out|timeout|TLS handshake|getaddrinfo|\bEOF\b/i

/** The credential chain found nothing (the SDK's CredentialsProviderError, or its message). */
export const NO_CREDENTIALS_TEXT = /could not load credentials|credential.*not found/i
