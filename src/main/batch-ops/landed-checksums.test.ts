import type { S3Client } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import type { TaskResult } from '../../shared/contract'
import { addLandedChecksums } from './landed-checksums'

const SHA = 'a'.repeat(64)
const b64 = Buffer.from(SHA, 'hex').toString('base64')

describe('addLandedChecksums', () => {
  it('HEADs each synced zip with ChecksumMode ENABLED and keeps S3\'s full-object SHA-256 as hex', async () => {
    const asked: unknown[] = []
    const answers: Record<string, unknown> = {
      'p/a.zip': { ChecksumSHA256: b64, ChecksumType: 'FULL_OBJECT' },
      'p/b.zip': { ChecksumSHA256: `${b64}-3`, ChecksumType: 'COMPOSITE' },
      'p/c.zip': {},
    }
    const client = { send: async (cmd: { input: { Key: string } }) => (asked.push(cmd.input), answers[cmd.input.Key]) } as unknown as S3Client
    const keys = ['p/a.zip', 'p/b.zip', 'p/c.zip', 'p/a.zip.CHECKSUM', 'p/d.zip']
    const results: TaskResult[] = keys.map((_, id) => ({ id, outcome: id === 4 ? 'failed' : 'synced', bytes: 1 }))
    const r = await addLandedChecksums(client, 'lake', results, (id) => keys[id], { concurrency: 2 })
    expect(r).toEqual({ requests: 3, found: 1 })
    expect(asked).toContainEqual({ Bucket: 'lake', Key: 'p/a.zip', ChecksumMode: 'ENABLED' })
    expect(results.map((x) => x.sha256)).toEqual([SHA, undefined, undefined, undefined, undefined])
  })
})
