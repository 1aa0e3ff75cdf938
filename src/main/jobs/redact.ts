// Secrets never reach disk, logs or the renderer: keep the key id's last 4 characters only.
import type { JobConfig } from '../../shared/config/validate'

export const mask = (s: string | undefined): string | undefined => (s === undefined ? undefined : `****${s.slice(-4)}`)

export function redactConfig(c: JobConfig): JobConfig {
  const s3 = { ...c.s3_config }
  if (s3.access_key_id) s3.access_key_id = mask(s3.access_key_id)
  if (s3.secret_access_key) s3.secret_access_key = '****'
  if (s3.session_token) s3.session_token = '****'
  return { ...c, s3_config: s3 }
}
