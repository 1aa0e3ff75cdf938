// preflight:run against a real S3-compatible server (s3rver): every line green on a good setup,
// and the troubleshooting names (NoSuchBucket, EndpointConnectionError, NoCredentials) when not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from '../../src/shared/config/validate'
import { runPreflight } from '../../src/main/preflight/run-preflight'
import type { S5cmdLocation } from '../../src/main/engines/s5cmd/locate'
import { listKeys, LAKE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

let archive: LocalArchive
const noS5cmd = async (): Promise<S5cmdLocation> => ({ found: false, reason: 's5cmd tool not found in PATH' })
const selection = { markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-12-01', end: '2024-12-02' } }

function config(extra: Record<string, unknown> = {}): JobConfig {
  const r = validateConfig({ ...archive.base, destination_prefix: 'bronze', ...selection, ...extra }, { env: {} })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

const line = (r: Awaited<ReturnType<typeof runPreflight>>, check: string) => r.lines.find((l) => l.check === check)!

beforeAll(async () => {
  archive = await startLocalArchive([{ market: 'spot', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1h'], frequency: 'daily', start: '2024-12-01', end: '2024-12-03' }])
})
afterAll(async () => {
  await archive?.stop()
})

describe('runPreflight', () => {
  it('passes every check on a good setup and leaves no probe behind', async () => {
    const r = await runPreflight(config(), { locate: noS5cmd })
    expect(r.ok).toBe(true)
    expect(r.lines.map((l) => [l.check, l.status])).toEqual([
      ['credentials', 'ok'],
      ['destination', 'ok'],
      ['source', 'ok'],
      ['s5cmd', 'warn'],
      ['regions', 'ok'],
    ])
    expect(line(r, 'credentials').detail).toMatch(/explicit keys \(access key \*{4}/)
    expect(line(r, 'credentials').detail).not.toContain(archive.s3.secretAccessKey)
    expect(line(r, 'source').detail).toMatch(/listed data\//)
    expect(line(r, 's5cmd')).toMatchObject({ code: 'RE001' })
    expect(await listKeys(archive.client, LAKE_BUCKET)).toEqual([])
  })

  it('reports s5cmd and its version when found', async () => {
    const r = await runPreflight(config(), { locate: async () => ({ found: true, path: '/usr/bin/s5cmd', version: 'v2.3.0', supported: true }) })
    expect(line(r, 's5cmd')).toMatchObject({ status: 'ok', detail: 'v2.3.0 at /usr/bin/s5cmd' })
  })

  it('names a missing destination bucket NoSuchBucket with the fix', async () => {
    const r = await runPreflight(config({ destination_bucket: 'no-such-lake' }), { locate: noS5cmd })
    expect(r.ok).toBe(false)
    expect(line(r, 'destination')).toMatchObject({ status: 'fail', code: 'NoSuchBucket' })
    expect(line(r, 'destination').fix).toMatch(/Create the bucket/)
    expect(line(r, 'source').status).toBe('ok')
  })

  it('names an unreachable endpoint EndpointConnectionError', async () => {
    const dead = 'http://127.0.0.1:9'
    const r = await runPreflight(config({ s3_config: { ...(archive.base.s3_config as object), endpoint_url: dead }, source: { ...(archive.base.source as object), endpoint_url: dead } }), { locate: noS5cmd })
    expect(line(r, 'destination')).toMatchObject({ status: 'fail', code: 'EndpointConnectionError' })
    expect(line(r, 'source')).toMatchObject({ status: 'fail', code: 'EndpointConnectionError' })
  })

  it('says NoCredentials when a named profile does not exist', async () => {
    const saved = { c: process.env.AWS_CONFIG_FILE, k: process.env.AWS_SHARED_CREDENTIALS_FILE }
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config'
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials'
    try {
      const s3 = { endpoint_url: archive.s3.endpoint, region: archive.s3.region, profile: 'no-such-profile' }
      const r = await runPreflight(config({ s3_config: s3 }), { locate: noS5cmd })
      expect(line(r, 'credentials')).toMatchObject({ status: 'fail', code: 'NoCredentials' })
      expect(line(r, 'credentials').detail).toContain('profile "no-such-profile"')
      expect(line(r, 'destination')).toMatchObject({ status: 'fail', detail: 'not checked: no credentials' })
    } finally {
      process.env.AWS_CONFIG_FILE = saved.c
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.k
      if (saved.c === undefined) delete process.env.AWS_CONFIG_FILE
      if (saved.k === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE
    }
  })

  it('checks a local folder by writing and deleting a probe file', async () => {
    const r = await runPreflight(config({ destination_bucket: undefined, enable_s3_direct_sync: false, output_directory: `${archive.dataDir}/out` }), { locate: noS5cmd })
    expect(line(r, 'destination')).toMatchObject({ status: 'ok' })
    expect(line(r, 's5cmd').detail).toMatch(/not needed/)
  })
})
