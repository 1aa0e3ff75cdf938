// AWS profile names and regions from the user's shared files (~/.aws/config, ~/.aws/credentials,
// or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). Only `region` is read: keys stay on disk.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { AwsProfile } from '../../shared/contract'

type Env = Readonly<Record<string, string | undefined>>

/** INI sections → their `region` (if any). `[profile x]` in config, `[x]` in credentials. */
function parseIniProfiles(text: string, kind: 'config' | 'credentials'): Map<string, string | null> {
  const out = new Map<string, string | null>()
  let current: string | null = null
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim()
    const section = /^\[([^\]]+)\]$/.exec(line)
    if (section) {
      const name = section[1].trim()
      // In config, `[sso-session x]` and `[services x]` are not profiles.
      if (kind === 'config') current = name === 'default' ? 'default' : name.startsWith('profile ') ? name.slice(8).trim() : null
      else current = name
      if (current !== null && !out.has(current)) out.set(current, null)
      continue
    }
    const kv = /^region\s*=\s*(\S+)/.exec(line)
    if (kv && current !== null) out.set(current, kv[1])
  }
  return out
}

export async function readAwsProfiles(env: Env = process.env, home = homedir()): Promise<AwsProfile[]> {
  const configFile = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')
  const read = (f: string) => readFile(f, 'utf8').catch(() => '')
  const [config, credentials] = await Promise.all([read(configFile), read(credentialsFile)])
  const fromConfig = parseIniProfiles(config, 'config')
  const fromCredentials = parseIniProfiles(credentials, 'credentials')
  const names = [...new Set([...fromConfig.keys(), ...fromCredentials.keys()])].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
  return names.map((name) => ({
    name,
    region: fromConfig.get(name) ?? fromCredentials.get(name) ?? null,
    sources: [...(fromConfig.has(name) ? ['config' as const] : []), ...(fromCredentials.has(name) ? ['credentials' as const] : [])],
  }))
}
