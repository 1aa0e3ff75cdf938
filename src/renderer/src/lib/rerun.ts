// A past job's saved config, made ready to start again. Secrets were masked when it was saved;
// sending "****1234" back as a key would override the server's real credentials, so masked
// values are dropped and the server's settings apply (handlers mergeConfig).
import { isMasked } from '../../../shared/redact'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export function rerunConfig(saved: Json): Json {
  const out: Json = { ...saved }
  delete out.selection
  delete out.schemaVersion
  if (isObj(out.s3_config)) out.s3_config = Object.fromEntries(Object.entries(out.s3_config).filter(([, v]) => !isMasked(v)))
  return out
}

/**
 * Update: the same selection with the end moved to "latest" (resolved by main from the archive's
 * listing) and the incremental skip on, so only what the archive gained since is copied.
 */
export function updateConfig(saved: Json): Json {
  const out = rerunConfig(saved)
  const range = isObj(out.date_range) ? out.date_range : {}
  return { ...out, date_range: { ...range, end: 'latest' }, enable_incremental: true }
}
