// Environment overrides (spec §12.2.2): the variables win over the file, so one job file can
// serve several environments. Pure: the caller passes the environment.

type Env = Readonly<Record<string, string | undefined>>
type Json = Record<string, unknown>

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {})

export function applyEnvOverrides(input: unknown, env: Env): unknown {
  const out: Json = { ...obj(input) }
  const s3: Json = { ...obj(out.s3_config) }
  const flag = env.S3_DIRECT_SYNC_ENABLED?.trim().toLowerCase()
  if (flag) out.enable_s3_direct_sync = ['1', 'true', 'yes', 'on'].includes(flag)
  if (env.S3_DESTINATION_BUCKET) out.destination_bucket = env.S3_DESTINATION_BUCKET
  if (env.S3_DESTINATION_PREFIX !== undefined) out.destination_prefix = env.S3_DESTINATION_PREFIX
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION
  if (region) s3.region = region
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL
  if (endpoint) s3.endpoint_url = endpoint
  if (env.AWS_PROFILE) s3.profile = env.AWS_PROFILE
  if (Object.keys(s3).length > 0 || out.s3_config !== undefined) out.s3_config = s3
  // The SDKs' service-specific endpoint variables, for the Batch Operations mode's two services.
  const control = env.AWS_ENDPOINT_URL_S3_CONTROL
  const iam = env.AWS_ENDPOINT_URL_IAM
  if (control || iam) out.batch_operations = { ...obj(out.batch_operations), ...(control ? { control_endpoint_url: control } : {}), ...(iam ? { iam_endpoint_url: iam } : {}) }
  return out
}
