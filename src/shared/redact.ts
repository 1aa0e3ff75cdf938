// Credentials never leave main in the clear: not onto disk (job.json), not in a config sent back
// for a re-run, not in a log line. This is the one place that decides what a masked key looks like;
// the renderer recognises one by the same prefix and never sends it back as a key.

const MASK = '****'

/** The last 4 characters only: enough to tell two keys apart, useless for signing. */
export const mask = (s: string | undefined): string | undefined => (s === undefined ? undefined : `${MASK}${s.slice(-4)}`)

export const isMasked = (v: unknown): boolean => typeof v === 'string' && v.startsWith(MASK)

interface S3Fields {
  access_key_id?: string
  secret_access_key?: string
  session_token?: string
  [other: string]: unknown
}

/** The config with its keys masked. Idempotent: a masked key stays as it is. */
export function redactConfig<C extends { s3_config: S3Fields }>(c: C): C {
  const s3 = { ...c.s3_config }
  if (s3.access_key_id && !isMasked(s3.access_key_id)) s3.access_key_id = mask(s3.access_key_id)
  if (s3.secret_access_key) s3.secret_access_key = MASK
  if (s3.session_token) s3.session_token = MASK
  return { ...c, s3_config: s3 }
}

/**
 * For text a child process or a library prints: every occurrence of a known secret becomes
 * "[redacted]". Values under 4 characters are left alone, or every "a" in a log would go.
 */
export function redactText(secrets: readonly (string | undefined)[]): (s: string) => string {
  const known = secrets.filter((x): x is string => typeof x === 'string' && x.length >= 4)
  if (known.length === 0) return (s) => s
  return (s) => known.reduce((acc, secret) => acc.split(secret).join('[redacted]'), s)
}
