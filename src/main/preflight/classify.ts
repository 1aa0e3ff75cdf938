// An S3/SDK error → the troubleshooting table's name for it and the fix a person can act on
// (spec 004 "Troubleshooting"). Pure, so every branch is unit-tested.

export type PreflightCode = 'NoCredentials' | 'AccessDenied' | 'NoSuchBucket' | 'EndpointConnectionError' | 'InvalidAccessKeyId' | 'Unknown'

export const FIXES: Record<PreflightCode, string> = {
  NoCredentials: 'Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pick a profile (aws configure), or give s3_config.access_key_id and secret_access_key.',
  AccessDenied: 'Grant the identity s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on the bucket (IAM policy).',
  NoSuchBucket: 'Create the bucket (aws s3 mb s3://<bucket>) or correct its name and region.',
  EndpointConnectionError: 'Check network access and firewall rules to the S3 endpoint, and endpoint_url if you set one.',
  InvalidAccessKeyId: 'The access key is unknown to this endpoint: check the key, the profile or endpoint_url.',
  Unknown: 'Read the message; run the job with --log debug for details.',
}

interface ErrorLike {
  name?: string
  code?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|TimeoutError|getaddrinfo/i

export function classifyS3Error(err: unknown): { code: PreflightCode; message: string } {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike
  const name = e.name ?? e.Code ?? e.code ?? ''
  const message = e.message || name || 'unknown error'
  const status = e.$metadata?.httpStatusCode
  if (name === 'CredentialsProviderError' || /could not load credentials|credential.*not found/i.test(message)) return { code: 'NoCredentials', message }
  if (name === 'NoSuchBucket' || (name === 'NotFound' && status === 404)) return { code: 'NoSuchBucket', message: name === 'NotFound' ? 'the bucket does not exist' : message }
  if (name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch') return { code: 'InvalidAccessKeyId', message }
  if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) return { code: 'AccessDenied', message: name === 'Forbidden' ? 'access denied (403)' : message }
  if (NETWORK.test(`${name} ${e.code ?? ''} ${message}`)) return { code: 'EndpointConnectionError', message }
  return { code: 'Unknown', message }
}
