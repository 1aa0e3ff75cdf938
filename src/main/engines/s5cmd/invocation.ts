// What the s5cmd child is started with: its environment (the only place credentials go), its
// flags, and the redaction applied to anything it prints before we keep or log it.
import { redactText } from '../../../shared/redact'
import type { Endpoint } from '../types'
import type { GlobalOptions, LineOptions } from './batch'
import type { S5cmdEngineOptions } from './engine'

const CREDENTIAL_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE']

/**
 * The child's environment: the only place credentials go (never argv, never logs). s5cmd signs
 * every request with one identity, and the destination is the side that must accept the write.
 */
export function childEnv(base: NodeJS.ProcessEnv, source: Endpoint, destination: Endpoint): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, AWS_REGION: destination.region }
  const signer = destination.credentials || destination.profile ? destination : source.credentials || source.profile ? source : undefined
  if (signer) for (const k of CREDENTIAL_VARS) delete env[k] // a stale ambient token would break the signature
  if (signer?.credentials) {
    env.AWS_ACCESS_KEY_ID = signer.credentials.accessKeyId
    env.AWS_SECRET_ACCESS_KEY = signer.credentials.secretAccessKey
    if (signer.credentials.sessionToken) env.AWS_SESSION_TOKEN = signer.credentials.sessionToken
  } else if (signer?.profile) env.AWS_PROFILE = signer.profile
  return env
}

/** Flags and line options derived once from the engine options. */
export function invocation(o: S5cmdEngineOptions): { global: GlobalOptions; line: LineOptions } {
  const signed = Boolean(o.destination.credentials || o.destination.profile || o.source.credentials || o.source.profile)
  return {
    global: {
      numWorkers: o.numWorkers,
      retryCount: o.retryCount,
      endpointUrl: o.destination.endpointUrl ?? o.source.endpointUrl,
      noSignRequest: !signed && Boolean(o.destination.anonymous),
    },
    line: {
      sourceBucket: o.source.bucket,
      destinationBucket: o.destination.bucket,
      sourceRegion: o.source.region && o.source.region !== o.destination.region ? o.source.region : undefined,
      version: o.version,
      localRoot: o.localRoot,
    },
  }
}

/**
 * Defence in depth for logs: s5cmd does not print credentials, but every kept or logged line
 * passes through this so that nothing a child prints can leak them.
 */
export function makeRedactor(...endpoints: Endpoint[]): (s: string) => string {
  return redactText(endpoints.flatMap((e) => (e.credentials ? [e.credentials.accessKeyId, e.credentials.secretAccessKey, e.credentials.sessionToken] : [])))
}
