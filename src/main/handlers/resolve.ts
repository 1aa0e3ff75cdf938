// A connection's config → a job: client keys only (CE017/CE018), a saved destination by name,
// the local folder under the output root, the server's settings underneath, size limits on top.
import { AppError } from '../../shared/contract'
import { clientKeyIssues } from '../../shared/config/client'
import { formatIssues, issue, type ConfigIssue } from '../../shared/config/codes'
import { CLIENT_LIMITS, validateConfig, type ConfigResult, type JobConfig } from '../../shared/config/validate'
import { DestinationStore } from '../destinations/destination-store'
import { folderUnderRoot, OutsideRootError } from '../local/contained'
import { mergeConfig } from '../settings'
import type { Services } from './types'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

const invalid = (issues: ConfigIssue[]) => new AppError('CONFIG_INVALID', formatIssues(issues), issues)

type Step = { config: Json; issue?: undefined } | { issue: ConfigIssue }

/** A saved destination's fields in place of its name. Its endpoint, if a hand-edited file has one, is not taken: endpoints are the server's. */
async function withDestination(s: Services, client: Json): Promise<Step> {
  const { destination_name: name, ...rest } = client
  if (name === undefined) return { config: client }
  const d = (await new DestinationStore(s.dataDir).list()).find((x) => x.name === name)
  if (!d) return { issue: issue('CE024', 'destination_name', `no saved destination named ${JSON.stringify(name)}`) }
  const s3 = { ...(d.profile ? { profile: d.profile } : {}), ...(d.region ? { region: d.region } : {}) }
  const where = d.kind === 'local' ? { output_directory: d.output_directory } : { destination_bucket: d.bucket, destination_prefix: d.prefix }
  return { config: { ...rest, ...where, ...(Object.keys(s3).length ? { s3_config: { ...(isObj(rest.s3_config) ? rest.s3_config : {}), ...s3 } } : {}) } }
}

function withOutputFolder(s: Services, client: Json): Step {
  if (typeof client.output_directory !== 'string') return { config: client }
  try {
    return { config: { ...client, output_directory: folderUnderRoot(s.output.path, client.output_directory) } }
  } catch (err) {
    if (err instanceof OutsideRootError) return { issue: issue('CE023', 'output_directory', `${JSON.stringify(client.output_directory)} is not inside the output root ${s.output.path}`) }
    throw err
  }
}

/** The config a connection sent, checked and completed; never throws for a bad config, returns its issues. */
export async function checkClientConfig(s: Services, client: Json): Promise<ConfigResult> {
  const keys = clientKeyIssues(client)
  if (keys.length > 0) return { ok: false, issues: keys }
  const named = await withDestination(s, client)
  if (named.issue) return { ok: false, issues: [named.issue] }
  const placed = withOutputFolder(s, named.config)
  if (placed.issue) return { ok: false, issues: [placed.issue] }
  return validateConfig(mergeConfig(s.baseConfig, placed.config), { env: s.env, limits: CLIENT_LIMITS })
}

export async function resolveConfig(s: Services, client: Json): Promise<JobConfig> {
  const r = await checkClientConfig(s, client)
  if (!r.ok) throw invalid(r.issues)
  return r.config
}

/** The server's own credentials (the saved job config holds masked ones only). */
export function baseCredentials(s: Services): Partial<JobConfig['s3_config']> {
  const c = (mergeConfig(s.baseConfig, {}).s3_config ?? {}) as Json
  const pick = (k: string) => (typeof c[k] === 'string' ? { [k]: c[k] as string } : {})
  return { ...pick('access_key_id'), ...pick('secret_access_key'), ...pick('session_token'), ...pick('profile') }
}
