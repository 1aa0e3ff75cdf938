// The one invocation builder: global flags, the child's environment and the line options.
import { describe, expect, it } from 'vitest'
import type { CopyTask, Endpoint } from '../types'
import { buildInvocation, exportBatch, globalArgs } from './invocation'

const task = (id: number, sourceKey: string, destKey = `x/${sourceKey}`, size = 10): CopyTask => ({ id, sourceKey, destKey, size })

describe('globalArgs', () => {
  it('global flags before run; endpoint only when set', () => {
    expect(globalArgs({ numWorkers: 10, retryCount: 3 })).toEqual(['--json', '--log', 'debug', '--numworkers', '10', '--retry-count', '3', 'run'])
    expect(globalArgs({ numWorkers: 4, retryCount: 1, endpointUrl: 'http://127.0.0.1:9000' })).toEqual([
      '--json', '--log', 'debug', '--numworkers', '4', '--retry-count', '1', '--endpoint-url', 'http://127.0.0.1:9000', 'run',
    ])
  })
})

describe('exportBatch', () => {
  it('returns the exact batch and a command line, with credential variable names only', () => {
    const inv = buildInvocation({
      version: 'v2.2.2-48f7e59',
      numWorkers: 8,
      retryCount: 3,
      source: { bucket: 'src', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9000', anonymous: true },
      destination: { bucket: 'dst', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9000', credentials: { accessKeyId: 'AKIDSECRET', secretAccessKey: 'VERYSECRET' } },
    })
    const ex = exportBatch(inv, [task(1, 'a'), task(2, 'b c')], { binary: '/opt/my tools/s5cmd' })
    expect(ex.batch).toBe("cp --raw=true 's3://src/a' 's3://dst/x/a'\n")
    expect(ex.commandLine).toBe(
      "'/opt/my tools/s5cmd' --json --log debug --numworkers 8 --retry-count 3 --endpoint-url http://127.0.0.1:9000 run < batch.txt",
    )
    expect(ex.env).toEqual(['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
    expect(ex.routed).toEqual([{ id: 2, reason: expect.stringContaining('U+0020') }])
    expect(JSON.stringify(ex)).not.toMatch(/AKIDSECRET|VERYSECRET/)
  })
})

describe('buildInvocation', () => {
  const archive: Endpoint = { bucket: 'data.binance.vision', region: 'ap-northeast-1', anonymous: true }
  const base = { version: 'v2.2.2-48f7e59', numWorkers: 4, retryCount: 2, source: archive }

  it('the variable names it reports are exactly the ones the child gets, whichever side signs', () => {
    const sides: Endpoint[] = [
      { bucket: 'lake', region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'S', sessionToken: 'T' } },
      { bucket: 'lake', region: 'us-east-1', profile: 'work' },
      { bucket: 'lake', region: 'us-east-1' },
    ]
    for (const destination of sides) {
      const inv = buildInvocation({ ...base, destination })
      const env = inv.env({ PATH: '/bin', AWS_PROFILE: 'ambient' })
      const set = Object.keys(env).filter((k) => k.startsWith('AWS_') && env[k] !== 'ambient')
      expect(inv.envNames).toEqual(set)
    }
    // A download signs as the source is read: the source's identity, its names.
    const signedSource = { ...archive, credentials: { accessKeyId: 'AKID', secretAccessKey: 'S' } }
    const dl = buildInvocation({ ...base, source: signedSource, destination: { ...signedSource, bucket: '' }, localRoot: '/data' })
    expect(dl.envNames).toEqual(['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
    expect(dl.line).toMatchObject({ localRoot: '/data', sourceRegion: undefined })
  })

  it('--no-sign-request only when nothing can sign and the destination is anonymous; --source-region across regions', () => {
    const anon = buildInvocation({ ...base, destination: { bucket: 'open', region: 'us-east-1', anonymous: true } })
    expect(anon.argv).toContain('--no-sign-request')
    expect(anon.line.sourceRegion).toBe('ap-northeast-1')
    const signed = buildInvocation({ ...base, destination: { bucket: 'lake', region: 'ap-northeast-1', profile: 'p' } })
    expect(signed.argv).not.toContain('--no-sign-request')
    expect(signed.line.sourceRegion).toBeUndefined()
  })
})
