// The SDK engine's lean CopyObject path (src/main/s3/lean-copy.ts) against s3rver, which checks
// every SigV4 signature: keys that need encoding land byte-identical with the source's ETag, a
// session token is signed, every answer but a CopyObjectResult hands the copy to the SDK (counted
// as an attempt), and a service that keeps refusing the lean request is left to the SDK.
// The SDK marks its requests with its user agent; the lean path sends none, so a proxy tells them apart.
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveObject } from '../../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { createSdkEngine } from '../../src/main/engines/sdk-copy'
import { makeS3Client } from '../../src/main/s3/clients'
import { leanCopier } from '../../src/main/s3/lean-copy'
import { slowDown, startFaultProxy, type FaultProxy, type SeenRequest } from '../helpers/fault-proxy'
import { bytesAt, clientOf, endpointOf, recorder, seedRandom, tasksFor } from '../helpers/engine-kit'

let s3: LocalS3
let client: S3Client
let objects: ArchiveObject[]
let proxy: FaultProxy

const KEYS = ['data/plain-1.zip', 'data/with space (1)!.zip', 'data/ünïcödé-1.zip', 'data/a/b/c/deep.zip', 'data/plain-2.zip', 'data/plain-3.zip', 'data/plain-4.zip', 'data/plain-5.zip']

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ['src', 'lake'] })
  client = clientOf(s3)
  objects = await seedRandom(s3, 'src', Object.fromEntries(KEYS.map((k, i) => [k, 10_000 + i])))
  proxy = await startFaultProxy(s3.endpoint)
})
afterAll(async () => {
  await proxy?.stop()
  client?.destroy()
  await s3?.stop()
})

const isCopy = (r: Omit<SeenRequest, 'action'>) => r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined
const bySdk = (r: Omit<SeenRequest, 'action'>) => String(r.headers['user-agent'] ?? '').includes('aws-sdk-js')
const isLeanCopyOf = (key: string) => (r: Omit<SeenRequest, 'action'>) => isCopy(r) && !bySdk(r) && r.path.endsWith(`/${key}`)

async function run(prefix: string, opts: { sessionToken?: string; concurrency?: number; tasks?: ReturnType<typeof tasksFor> } = {}) {
  proxy.seen.length = 0
  const ep = (b: string) => {
    const e = endpointOf(s3, b, proxy.endpoint)
    return opts.sessionToken ? { ...e, credentials: { ...e.credentials!, sessionToken: opts.sessionToken } } : e
  }
  const engine = createSdkEngine({ source: ep('src'), destination: ep('lake'), mode: 'copy', concurrency: opts.concurrency ?? 3, retryCount: 3, partSizeMb: 5 })
  const rec = recorder()
  await engine.run(opts.tasks ?? tasksFor(objects, prefix), rec.ctx)
  const copies = proxy.seen.filter(isCopy)
  return { engine, rec, lean: copies.filter((r) => !bySdk(r)), sdk: copies.filter(bySdk) }
}

async function expectLanded(prefix: string) {
  for (const o of objects) expect((await bytesAt(client, 'lake', `${prefix}${o.key}`))?.equals(o.body), o.key).toBe(true)
}

describe('lean CopyObject path', () => {
  it('copies every object with one signed request each: byte-identical, the ETag the service gave, no SDK request', async () => {
    const { engine, rec, lean, sdk } = await run('lean/')
    await expectLanded('lean/')
    expect(lean).toHaveLength(objects.length)
    expect(sdk).toHaveLength(0)
    expect(engine.meter.requests).toBe(objects.length)
    for (const [i, o] of objects.entries()) {
      const r = rec.results.get(i)!
      expect(r, o.key).toMatchObject({ outcome: 'synced', attempts: 1 })
      const head = await client.send(new HeadObjectCommand({ Bucket: 'lake', Key: `lean/${o.key}` }))
      expect(r.etag, o.key).toBe(head.ETag!.replaceAll('"', ''))
    }
  })

  it('signs a session token into the request', async () => {
    const { lean } = await run('token/', { sessionToken: 'session-token-1' })
    await expectLanded('token/')
    expect(lean).toHaveLength(objects.length)
    for (const r of lean) {
      expect(r.headers['x-amz-security-token']).toBe('session-token-1')
      expect(String(r.headers.authorization)).toMatch(/SignedHeaders=[^,]*x-amz-security-token/)
    }
  })

  it("hands S3's 200-with-<Error>, a 503 and a reset to the SDK: each copy lands, the lean request counts as an attempt, the path stays on", async () => {
    proxy.rules = [
      { match: isLeanCopyOf(objects[0].key), action: { kind: 'error', status: 200, code: 'InternalError', message: 'We encountered an internal error. Please try again.' }, times: 1 },
      { match: isLeanCopyOf(objects[1].key), action: slowDown, times: 1 },
      { match: isLeanCopyOf(objects[2].key), action: { kind: 'reset' }, times: 1 },
    ]
    try {
      const { engine, rec, lean, sdk } = await run('faults/', { concurrency: 1 })
      await expectLanded('faults/')
      expect(objects.map((_, i) => rec.results.get(i)?.attempts)).toEqual([2, 2, 2, 1, 1, 1, 1, 1])
      expect(sdk.map((r) => r.path)).toEqual(objects.slice(0, 3).map((o) => `/lake/faults/${o.key}`))
      expect(lean).toHaveLength(objects.length)
      expect(engine.meter.requests).toBe(objects.length + 3)
    } finally {
      proxy.rules = []
    }
  })

  it('leaves a service that keeps refusing the lean request to the SDK, after three refusals, and says so', async () => {
    proxy.rules = [{ match: (r) => isCopy(r) && !bySdk(r), action: { kind: 'error', status: 403, code: 'SignatureDoesNotMatch' } }]
    try {
      const { rec, lean, sdk } = await run('refused/', { concurrency: 3 })
      await expectLanded('refused/')
      expect([...rec.results.values()].every((r) => r.outcome === 'synced')).toBe(true)
      // Three refusals turn it off; copies already on their way by then (two more at most) are refused too.
      expect(lean.length).toBeGreaterThanOrEqual(3)
      expect(lean.length).toBeLessThanOrEqual(5)
      expect(sdk).toHaveLength(objects.length)
      expect(rec.logs.filter((l) => l.includes("AWS SDK's full pipeline"))).toHaveLength(1)
    } finally {
      proxy.rules = []
    }
  })

  it('a source that does not exist fails the task as the SDK reports it, with one request', async () => {
    const tasks = [{ id: 0, sourceKey: 'data/never-published.zip', destKey: 'missing/data/never-published.zip', size: 1 }]
    const { rec, lean, sdk } = await run('missing/', { tasks })
    expect(rec.results.get(0)).toMatchObject({ outcome: 'failed', errorClass: 'not-found', attempts: 1 })
    expect(rec.results.get(0)?.reason).toMatch(/^NoSuchKey: The specified key does not exist/)
    // The service's own answer, final: the SDK is not asked the same thing again.
    expect([lean.length, sdk.length]).toEqual([1, 0])
    expect(await bytesAt(client, 'lake', 'missing/data/never-published.zip')).toBeNull()
  })

  it("signs with the SDK's clock correction, once the client has learnt the service's clock is ahead", async () => {
    proxy.seen.length = 0
    const client2 = makeS3Client(endpointOf(s3, 'lake', proxy.endpoint))
    const copier = (await leanCopier(client2, 'lake', 2))!
    try {
      // What the SDK stores on its config after a RequestTimeTooSkewed answer.
      Object.assign(client2.config, { systemClockOffset: 2 * 3600_000 })
      const ac = new AbortController()
      await copier.copy({ key: 'skew/x.zip', copySource: `src/${objects[0].key}`, checksum: false, signal: ac.signal })
      const sent = proxy.seen.find(isCopy)!.headers['x-amz-date'] as string
      const at = Date.parse(sent.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'))
      expect(Math.abs(at - (Date.now() + 2 * 3600_000))).toBeLessThan(60_000)
    } finally {
      copier.destroy()
      client2.destroy()
    }
  })

  it('is not used where only the SDK can sign: an S3 Express directory bucket', async () => {
    const express = makeS3Client({ bucket: 'lake--euw1-az1--x-s3', region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
    const plain = makeS3Client({ bucket: 'my-lake', region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
    try {
      // Endpoint rules are evaluated locally: neither call sends a request.
      expect(await leanCopier(express, 'lake--euw1-az1--x-s3', 4)).toBeUndefined()
      const copier = await leanCopier(plain, 'my-lake', 4)
      expect(copier).toBeDefined()
      copier?.destroy()
    } finally {
      express.destroy()
      plain.destroy()
    }
  })
})
