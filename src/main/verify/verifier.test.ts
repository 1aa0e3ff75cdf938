// The copy-response proof: a server-side copy whose response named the new object's single-part
// ETag is proved against the source's without a listing; a different ETag is asked of the archive
// once (it may have replaced the file), then flagged. The S3 clients are stand-ins that answer
// the requests the verifier sends and count them.
import type { S3Client } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import type { VerifyOutcome } from '../../shared/journal'
import type { PlannedTask } from '../../shared/plan'
import { verifyLanded } from './verifier'

const E = (c: string) => c.repeat(32)
const task = (id: number, etag: string): PlannedTask => ({ id, sourceKey: `data/f/k${id}.bin`, destKey: `lake/data/f/k${id}.bin`, size: 3, etag, dataset: 'd' })

/** A stand-in client: HEAD answers `heads` by key, a listing answers `listing`; every command is recorded. */
function client(heads: Record<string, string>, listing: { Key: string; Size: number; ETag: string }[] = []) {
  const sent: string[] = []
  const c = {
    send: async (cmd: { constructor: { name: string }; input: { Key?: string } }) => {
      sent.push(cmd.constructor.name)
      if (cmd.constructor.name === 'HeadObjectCommand') return { ETag: `"${heads[cmd.input.Key!]}"` }
      if (cmd.constructor.name === 'ListObjectsV2Command') return { Contents: listing.map((o) => ({ ...o, ETag: `"${o.ETag}"` })), KeyCount: listing.length }
      throw new Error(`unexpected ${cmd.constructor.name}`)
    },
  }
  return { client: c as unknown as S3Client, sent }
}

async function verify(tasks: PlannedTask[], copied: Map<number, string>, source = client({}), dest = client({})) {
  const out: VerifyOutcome[] = []
  const r = await verifyLanded({ tasks, level: 'etag', source: { client: source.client, bucket: 'src' }, destination: { client: dest.client, bucket: 'dst' }, concurrency: 2, copied, onOutcome: (o) => out.push(o) })
  return { out: out.sort((a, b) => a.id - b.id), requests: r.requests, source: source.sent, dest: dest.sent }
}

describe('verifyLanded with the ETags the copies returned', () => {
  it('an equal single-part ETag proves the copy with no request at all', async () => {
    const r = await verify([task(0, E('a')), task(1, E('b'))], new Map([[0, E('a')], [1, E('b')]]))
    expect(r.out).toEqual([
      { id: 0, status: 'verified', method: 'etag' },
      { id: 1, status: 'verified', method: 'etag' },
    ])
    expect([r.requests, r.source, r.dest]).toEqual([0, [], []])
  })

  it('a different ETag: the archive asked once; its current version passes, anything else is a mismatch with both values', async () => {
    const src = client({ 'data/f/k0.bin': E('c'), 'data/f/k1.bin': E('a') })
    const r = await verify([task(0, E('a')), task(1, E('a'))], new Map([[0, E('c')], [1, E('d')]]), src)
    expect(r.out[0]).toMatchObject({ id: 0, status: 'verified', reason: expect.stringMatching(/replaced the file since the plan/) })
    expect(r.out[1]).toMatchObject({ id: 1, status: 'mismatch', expected: E('a'), actual: E('d') })
    expect(src.sent).toEqual(['HeadObjectCommand', 'HeadObjectCommand'])
  })

  it('a copy without a usable ETag (none, or multipart) is proved from the destination listing instead', async () => {
    const dest = client({}, [
      { Key: 'lake/data/f/k0.bin', Size: 3, ETag: E('a') },
      { Key: 'lake/data/f/k1.bin', Size: 3, ETag: E('b') },
    ])
    const r = await verify([task(0, E('a')), task(1, E('b'))], new Map([[1, `${E('b')}-2`]]), client({}), dest)
    expect(r.out.map((o) => o.status)).toEqual(['verified', 'verified'])
    expect(dest.sent).toEqual(['ListObjectsV2Command'])
  })
})
