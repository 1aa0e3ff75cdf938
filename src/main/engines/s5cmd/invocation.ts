// The one s5cmd invocation builder: the global flags, the child's environment (the only place
// credentials go) and the options every `cp` line is written with, derived once from the
// engine's settings. The engine runs exactly this, and `plan --out batch.txt` writes exactly this.
import { redactText } from '../../../shared/redact'
import { partitionTasks } from '../route/carriable'
import type { CopyTask, Endpoint } from '../types'
import { batchText, shellQuote, type LineOptions } from './batch'

const CREDENTIAL_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE']

export interface InvocationInput {
  /** The s5cmd version in use: it decides which per-line flags exist. */
  version: string
  source: Endpoint
  destination: Endpoint
  /** Download mode: objects land at `<localRoot>/<destKey>` instead of the destination bucket. */
  localRoot?: string
  /** `--numworkers`: the job's max_concurrent. */
  numWorkers: number
  retryCount: number
}

export interface Invocation {
  /** Global flags, ending with `run`: the batch follows on stdin. */
  argv: string[]
  line: LineOptions
  /** The child's environment, built on `base`. */
  env(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv
  /** Names (never values) of the variables `env` sets: what a run file says to set. */
  envNames: string[]
}

export interface GlobalOptions {
  numWorkers: number
  retryCount: number
  endpointUrl?: string
  /** Only when nothing can sign (an anonymous, publicly writable destination). */
  noSignRequest?: boolean
}

/** Global flags go before `run`; `--log debug` is what makes skips and retries visible. */
export function globalArgs(o: GlobalOptions): string[] {
  return [
    '--json',
    '--log',
    'debug',
    '--numworkers',
    String(Math.max(1, Math.floor(o.numWorkers))),
    '--retry-count',
    String(Math.max(0, Math.floor(o.retryCount))),
    ...(o.endpointUrl ? ['--endpoint-url', o.endpointUrl] : []),
    ...(o.noSignRequest ? ['--no-sign-request'] : []),
    'run',
  ]
}

/** s5cmd signs every request with one identity; the destination is the side that must accept the write. */
const signerOf = (source: Endpoint, destination: Endpoint): Endpoint | undefined =>
  destination.credentials || destination.profile ? destination : source.credentials || source.profile ? source : undefined

/** The child's environment: the only place credentials go (never argv, never logs). */
export function childEnv(base: NodeJS.ProcessEnv, source: Endpoint, destination: Endpoint): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, AWS_REGION: destination.region }
  const signer = signerOf(source, destination)
  if (signer) for (const k of CREDENTIAL_VARS) delete env[k] // a stale ambient token would break the signature
  if (signer?.credentials) {
    env.AWS_ACCESS_KEY_ID = signer.credentials.accessKeyId
    env.AWS_SECRET_ACCESS_KEY = signer.credentials.secretAccessKey
    if (signer.credentials.sessionToken) env.AWS_SESSION_TOKEN = signer.credentials.sessionToken
  } else if (signer?.profile) env.AWS_PROFILE = signer.profile
  return env
}

export function buildInvocation(o: InvocationInput): Invocation {
  const signed = signerOf(o.source, o.destination) !== undefined
  return {
    argv: globalArgs({
      numWorkers: o.numWorkers,
      retryCount: o.retryCount,
      endpointUrl: o.destination.endpointUrl ?? o.source.endpointUrl,
      noSignRequest: !signed && Boolean(o.destination.anonymous),
    }),
    line: {
      sourceBucket: o.source.bucket,
      destinationBucket: o.destination.bucket,
      sourceRegion: o.source.region && o.source.region !== o.destination.region ? o.source.region : undefined,
      version: o.version,
      localRoot: o.localRoot,
    },
    env: (base) => childEnv(base, o.source, o.destination),
    // The same function on an empty base: the names cannot drift from what a run sets.
    envNames: Object.keys(childEnv({}, o.source, o.destination)),
  }
}

export interface BatchExport {
  /** The exact stdin text. */
  batch: string
  argv: string[]
  /** A copy-pasteable command line reading the batch from `batchFile`. */
  commandLine: string
  /** Variables to set before running it (names only: credentials are never exported). */
  env: string[]
  /** Tasks left out because s5cmd cannot carry them, with why. */
  routed: { id: number; reason: string }[]
}

/** The batch text and command line that reproduce a run, for `plan --out batch.txt` and bug reports. */
export function exportBatch(inv: Invocation, tasks: readonly CopyTask[], o: { binary?: string; batchFile?: string } = {}): BatchExport {
  const { carry, route } = partitionTasks(tasks)
  return {
    batch: batchText(carry, inv.line),
    argv: inv.argv,
    commandLine: `${[o.binary ?? 's5cmd', ...inv.argv].map(quoteIfNeeded).join(' ')} < ${quoteIfNeeded(o.batchFile ?? 'batch.txt')}`,
    env: inv.envNames,
    routed: route.map((r) => ({ id: r.task.id, reason: r.reason })),
  }
}

const quoteIfNeeded = (s: string): string => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : shellQuote(s))

/**
 * Defence in depth for logs: s5cmd does not print credentials, but every kept or logged line
 * passes through this so that nothing a child prints can leak them.
 */
export function makeRedactor(...endpoints: Endpoint[]): (s: string) => string {
  return redactText(endpoints.flatMap((e) => (e.credentials ? [e.credentials.accessKeyId, e.credentials.secretAccessKey, e.credentials.sessionToken] : [])))
}
