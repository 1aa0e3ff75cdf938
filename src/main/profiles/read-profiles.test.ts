import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readAwsProfiles } from './read-profiles'

describe('readAwsProfiles', () => {
  it('lists names and regions from both files and never a key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-profiles-'))
    try {
      await writeFile(join(dir, 'config'), '[default]\nregion = us-east-1\n[profile lake]\nregion=eu-west-1\n[sso-session corp]\nsso_region = us-east-2\n')
      await writeFile(join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n[ci] ; comment\naws_access_key_id=AKIA2\n')
      const profiles = await readAwsProfiles({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') })
      expect(profiles).toEqual([
        { name: 'default', region: 'us-east-1', sources: ['config', 'credentials'] },
        { name: 'ci', region: null, sources: ['credentials'] },
        { name: 'lake', region: 'eu-west-1', sources: ['config'] },
      ])
      expect(JSON.stringify(profiles)).not.toMatch(/AKIA|secret/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is empty without the files', async () => {
    expect(await readAwsProfiles({ AWS_CONFIG_FILE: '/nonexistent/a', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/b' })).toEqual([])
  })
})
