// What a connection (the renderer over IPC, a browser over the WebSocket) may put in a job:
// the data to copy and where in the destination, never what the server runs or trusts.
// Binaries, endpoints, credentials, source.*, the local output root and deletions come only
// from the server side (base config, CLI flags, environment). The CLI's job file is not
// checked here: it is the full spec format (schema.ts).
import { z } from 'zod'
import { issue, type ConfigIssue } from './codes'
import { unknownKeyIssue } from './job-file'
import { batchOperationsSchema, pricingSchema, performanceSchema, rawConfigSchema } from './schema'

/** Keys of the job file a connection may not set, with the reason it is told. */
const SERVER_ONLY: Readonly<Record<string, string>> = {
  s5cmd_path: 'the s5cmd binary is chosen on the server (s5cmd_path in the base config, S5CMD_PATH or PATH)',
  source: 'the source bucket, endpoint and HTTPS base are the server\'s (base config)',
  delete_extraneous: 'deleting in the destination is enabled on the server only (base config or a CLI job file)',
  's3_config.endpoint_url': 'the destination endpoint is the server\'s (base config or AWS_ENDPOINT_URL)',
  's3_config.access_key_id': 'credentials stay on the server: pick a profile by name',
  's3_config.secret_access_key': 'credentials stay on the server: pick a profile by name',
  's3_config.session_token': 'credentials stay on the server: pick a profile by name',
  'batch_operations.control_endpoint_url': 'the S3 Control endpoint is the server\'s (base config or AWS_ENDPOINT_URL_S3_CONTROL)',
  'batch_operations.iam_endpoint_url': 'the IAM endpoint is the server\'s (base config or AWS_ENDPOINT_URL_IAM)',
}

const topKeys = [...Object.keys(rawConfigSchema.shape).filter((k) => !Object.hasOwn(SERVER_ONLY, k)), 'destination_name']
/** The nested objects a connection may fill, and which of their keys. */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  performance_optimization: Object.keys(performanceSchema.shape),
  pricing: Object.keys(pricingSchema.shape),
  date_range: ['start', 'end'],
  s3_config: ['profile', 'region'],
  batch_operations: Object.keys(batchOperationsSchema.shape).filter((k) => !Object.hasOwn(SERVER_ONLY, `batch_operations.${k}`)),
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function keyIssue(path: string, known: readonly string[]): ConfigIssue {
  const why = Object.hasOwn(SERVER_ONLY, path) ? SERVER_ONLY[path] : undefined
  if (why) return issue('CE018', path, `"${path}" cannot be set by a connection: ${why}`)
  return unknownKeyIssue(path, known)
}

/** Every key a connection may not send, as CE017 (unknown, with the closest known key) or CE018 (server-side). */
export function clientKeyIssues(config: Record<string, unknown>): ConfigIssue[] {
  const out: ConfigIssue[] = []
  for (const [k, v] of Object.entries(config)) {
    if (!topKeys.includes(k)) {
      out.push(keyIssue(k, topKeys))
      continue
    }
    const inner = Object.hasOwn(NESTED, k) ? NESTED[k] : undefined
    if (inner && isObj(v)) for (const n of Object.keys(v)) if (!inner.includes(n)) out.push(keyIssue(`${k}.${n}`, inner))
  }
  return out
}

/**
 * The `config` of a command as it crosses IPC or the WebSocket. Values are checked by
 * validateConfig (with their own codes); keys here, each refused with its CE code in
 * `params.configIssue` so the transports answer CONFIG_INVALID, not a bare BAD_REQUEST.
 */
export const clientConfigSchema = z.record(z.string(), z.unknown()).superRefine((config, ctx) => {
  for (const i of clientKeyIssues(config)) ctx.addIssue({ code: 'custom', message: i.message, path: i.field.split('.'), params: { configIssue: i } })
})

/** A saved job's config cut down to what a connection may send back (re-running a past job). */
export function toClientConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(config)) {
    if (!topKeys.includes(k)) continue
    const inner = Object.hasOwn(NESTED, k) ? NESTED[k] : undefined
    out[k] = inner && isObj(v) ? Object.fromEntries(Object.entries(v).filter(([n]) => inner.includes(n))) : v
  }
  return out
}
