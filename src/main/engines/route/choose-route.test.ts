// The router's decisions as a table: every operation mode × s5cmd state × endpoint relation, plus
// the local folder, each with its engine, the reason it gives, and the fallback it records.
import { describe, expect, it } from 'vitest'
import type { S5cmdLocation } from '../s5cmd/locate'
import type { Endpoint } from '../types'
import { chooseRoute, locateForJob } from './choose-route'

const S5: Record<'found' | 'missing' | 'old', S5cmdLocation> = {
  found: { found: true, supported: true, version: '2.2.2', path: '/opt/s5cmd' },
  missing: { found: false, reason: 'not in PATH' },
  old: { found: true, supported: false, version: '2.1.0', path: '/usr/bin/s5cmd' },
}
const src: Endpoint = { bucket: 'data.binance.vision', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9000' }
const same: Endpoint = { bucket: 'lake', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9000' }
const other: Endpoint = { bucket: 'lake', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9001' }

type Mode = 'auto' | 'direct_sync' | 'traditional'
const cfg = (operation_mode: Mode, extra: { output_directory?: string; enable_s3_direct_sync?: boolean } = {}) => ({
  operation_mode,
  enable_s3_direct_sync: extra.enable_s3_direct_sync ?? true,
  output_directory: extra.output_directory,
})

// [mode, s5cmd, endpoints, engine, reason contains, fallbacks (regexes, in order)]
const TABLE: [Mode, keyof typeof S5, 'same' | 'different', string, RegExp, RegExp[]][] = [
  ['auto', 'found', 'same', 's5cmd', /s5cmd 2\.2\.2 found at \/opt\/s5cmd/, []],
  ['auto', 'missing', 'same', 'sdk-copy', /s5cmd not found \(not in PATH\); server-side CopyObject/, []],
  ['auto', 'old', 'same', 'sdk-copy', /s5cmd 2\.1\.0 at \/usr\/bin\/s5cmd is older than 2\.2\.2/, []],
  ['auto', 'found', 'different', 'sdk-stream', /different endpoints: no server-side copy possible/, []],
  ['auto', 'missing', 'different', 'sdk-stream', /different endpoints/, []],
  ['auto', 'old', 'different', 'sdk-stream', /different endpoints/, []],
  ['direct_sync', 'found', 'same', 's5cmd', /s5cmd 2\.2\.2 found/, []],
  ['direct_sync', 'missing', 'same', 'sdk-copy', /s5cmd not found/, [/^RE001: s5cmd not found \(not in PATH\); fell back to the SDK server-side copy$/]],
  ['direct_sync', 'old', 'same', 'sdk-copy', /older than 2\.2\.2/, [/^RE001: s5cmd 2\.1\.0 .* older than 2\.2\.2; fell back to the SDK/]],
  ['direct_sync', 'found', 'different', 'sdk-stream', /different endpoints/, [/^direct_sync impossible: .*127\.0\.0\.1:9000.*127\.0\.0\.1:9001/]],
  ['direct_sync', 'missing', 'different', 'sdk-stream', /different endpoints/, [/^direct_sync impossible/]],
  ['direct_sync', 'old', 'different', 'sdk-stream', /different endpoints/, [/^direct_sync impossible/]],
  ['traditional', 'found', 'same', 'traditional', /operation_mode is traditional: download to a temp file, upload, delete/, []],
  ['traditional', 'missing', 'same', 'traditional', /operation_mode is traditional/, []],
  ['traditional', 'old', 'same', 'traditional', /operation_mode is traditional/, []],
  ['traditional', 'found', 'different', 'traditional', /operation_mode is traditional/, []],
  ['traditional', 'missing', 'different', 'traditional', /operation_mode is traditional/, []],
  ['traditional', 'old', 'different', 'traditional', /operation_mode is traditional/, []],
]

describe('chooseRoute', () => {
  it.each(TABLE)('%s, s5cmd %s, %s endpoint → %s', (mode, s5, ep, engine, reason, fallbacks) => {
    const r = chooseRoute(cfg(mode), src, ep === 'same' ? same : other, S5[s5])
    expect(r.engine).toBe(engine)
    expect(r.reason).toMatch(reason)
    expect(r.fallbacks).toHaveLength(fallbacks.length)
    fallbacks.forEach((f, i) => expect(r.fallbacks[i]).toMatch(f))
  })

  it.each(['auto', 'traditional'] as Mode[])('%s with a local folder → the SDK download (hash while streaming), whatever s5cmd and endpoints', (mode) => {
    for (const s5 of Object.values(S5))
      for (const ep of [same, other]) {
        const r = chooseRoute(cfg(mode, { output_directory: '/data/binance' }), src, ep, s5)
        expect(r).toEqual({ engine: 'download', reason: 'destination is a local folder (/data/binance)', fallbacks: [] })
      }
  })

  it('direct_sync with a local folder downloads through s5cmd when it is usable, else records RE001', () => {
    const local = cfg('direct_sync', { output_directory: '/data/binance' })
    expect(chooseRoute(local, src, same, S5.found)).toEqual({ engine: 's5cmd', reason: 'download to /data/binance through s5cmd 2.2.2', fallbacks: [] })
    expect(chooseRoute(local, src, same, S5.missing)).toMatchObject({ engine: 'download', fallbacks: [/^RE001: s5cmd not usable \(not in PATH\); downloaded through the SDK$/] })
    expect(chooseRoute(local, src, same, S5.old).engine).toBe('download')
  })

  it('direct sync switched off is the traditional cycle, even with s5cmd and one endpoint', () => {
    const r = chooseRoute(cfg('auto', { enable_s3_direct_sync: false }), src, same, S5.found)
    expect(r).toMatchObject({ engine: 'traditional', fallbacks: [] })
    expect(r.reason).toMatch(/enable_s3_direct_sync is off/)
  })

  it('source.https_base: bytes come from the HTTPS archive, never a server-side copy or s5cmd', () => {
    const https: Endpoint = { ...src, httpsBase: 'https://data.binance.vision/' }
    for (const s5 of Object.values(S5))
      for (const ep of [same, other]) {
        expect(chooseRoute(cfg('auto'), https, ep, s5)).toEqual({ engine: 'sdk-stream', reason: 'source bytes come from the HTTPS archive', fallbacks: [] })
        expect(chooseRoute(cfg('direct_sync'), https, ep, s5)).toMatchObject({ engine: 'sdk-stream', fallbacks: [/^direct_sync impossible: source bytes come from the HTTPS archive/] })
        expect(chooseRoute(cfg('traditional'), https, ep, s5).engine).toBe('traditional')
        expect(chooseRoute(cfg('direct_sync', { output_directory: '/data/binance' }), https, ep, s5)).toMatchObject({ engine: 'download', fallbacks: [] })
      }
  })

  it('two AWS endpoints (no endpoint_url) are one service: server-side', () => {
    const aws = (bucket: string): Endpoint => ({ bucket, region: 'ap-northeast-1' })
    expect(chooseRoute(cfg('auto'), aws('data.binance.vision'), aws('lake'), S5.missing).engine).toBe('sdk-copy')
    expect(chooseRoute(cfg('auto'), aws('data.binance.vision'), same, S5.found).engine).toBe('sdk-stream')
  })
})

describe('locateForJob', () => {
  it('looks for s5cmd only when the job could use it', async () => {
    const notNeeded = { found: false, reason: 'not needed for this job' }
    const s5cmd_path = '/nonexistent/s5cmd'
    expect(await locateForJob({ ...cfg('traditional'), s5cmd_path })).toEqual(notNeeded)
    expect(await locateForJob({ ...cfg('auto', { enable_s3_direct_sync: false }), s5cmd_path })).toEqual(notNeeded)
    expect(await locateForJob({ ...cfg('auto', { output_directory: '/data' }), s5cmd_path })).toEqual(notNeeded)
    // Looked up: the explicit path is authoritative and its failure is named.
    expect(await locateForJob({ ...cfg('auto'), s5cmd_path })).toEqual({ found: false, reason: expect.stringMatching(/^s5cmd_path: \/nonexistent\/s5cmd is not an executable file/) })
    expect(await locateForJob({ ...cfg('direct_sync', { output_directory: '/data' }), s5cmd_path })).toMatchObject({ found: false, reason: expect.stringMatching(/^s5cmd_path:/) })
  })
})
