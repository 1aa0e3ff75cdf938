// A resume must know whom it signs as before it touches anything. job.json keeps keys masked, so a
// job whose keys came from its job file cannot sign with them again; falling back to the default
// chain silently failed every remaining object (CredentialsProviderError) and sent s5cmd asking
// the instance metadata service. Resolved here, once, before the plan or the journal is opened.
import { AppError } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { isMasked } from '../../shared/redact'
import { destinationEndpoint, makeS3Client } from '../s3/clients'

type Env = Readonly<Record<string, string | undefined>>

/** A named profile that does not resolve must fail fast, not wait on the metadata service's timeouts. */
const RESOLVE_MS = 5_000

const FIX = 'give the job file again (archive-sync resume <jobId> --config job.json), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE'

/**
 * Throws RESUME_CREDENTIALS when the job signed with keys that are gone (masked in job.json) and
 * nothing replaces them, or when the keys or profile it would use do not resolve.
 */
export async function checkResumeCredentials(jobId: string, saved: JobConfig, config: JobConfig, env: Env = process.env): Promise<void> {
  const s = config.s3_config
  const keys = Boolean(s.access_key_id && s.secret_access_key && !isMasked(s.access_key_id) && !isMasked(s.secret_access_key))
  const envKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
  const profile = s.profile ?? env.AWS_PROFILE
  const hadKeys = Boolean(saved.s3_config.access_key_id)
  if (hadKeys && !keys && !envKeys && !profile)
    throw new AppError('RESUME_CREDENTIALS', `Job ${jobId} signed with keys from its job file, and job.json keeps them masked: nothing to sign with. Fix: ${FIX}`)
  // A job that always used the default chain keeps doing so (the job itself resolves it).
  if (!keys && !envKeys && !profile) return
  const client = makeS3Client(destinationEndpoint(config))
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${RESOLVE_MS / 1000} s`)), RESOLVE_MS)
    })
    await Promise.race([client.config.credentials(), timeout])
  } catch (err) {
    const via = keys ? 'the given keys' : profile ? `profile "${profile}"` : 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY'
    throw new AppError('RESUME_CREDENTIALS', `Job ${jobId}: credentials from ${via} do not resolve (${(err as Error).message}). Fix: ${FIX}`)
  } finally {
    clearTimeout(timer)
    client.destroy()
  }
}
