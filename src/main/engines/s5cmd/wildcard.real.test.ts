// Integration: wildcard lines through a REAL s5cmd (S5CMD_PATH or PATH) against s3rver. Skipped,
// and says so, without a supported s5cmd.
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TaskResult } from '../../../shared/contract'
import { startS3Server, type LocalS3 } from '../../dev/s3-server'
import { makeS3Client } from '../../s3/clients'
import type { CopyTask, EngineContext, Endpoint } from '../types'
import { createS5cmdEngine } from './engine'
import { locateS5cmd } from './locate'
import { LISTING_FRESH_MS, type SourceListing } from './wildcard'

const located = await locateS5cmd()
const found = located.found && located.supported
if (!found) console.info(`[s5cmd wildcard integration] skipped: no supported s5cmd (${located.reason ?? 'unsupported'}); put s5cmd >= 2.2.2 on PATH or in S5CMD_PATH`)

const SRC = 'data.binance.vision'
const DST = 'my-lake'
const day = (sym: string, d: number) => `data/spot/daily/trades/${sym}/${sym}-trades-2024-01-${String(d).padStart(2, '0')}.zip`
const pairs = (sym: string, n: number) => Array.from({ length: n }, (_, i) => [day(sym, i + 1), `${day(sym, i + 1)}.CHECKSUM`]).flat()
const body = (key: string) => Buffer.from(`${key}\n`.repeat(3))

describe.skipIf(!found)(`wildcard batch lines with a real s5cmd (${located.found ? located.version : 'none'})`, () => {
  let s3: LocalS3
  let client: S3Client
  let src: Endpoint
  let dst: Endpoint
  const whole = pairs('BTCUSDT', 12) // every listed object planned
  const partial = pairs('ETHUSDT', 12) // planned without day 12: 2 listed objects are not tasks
  const planned = [...whole, ...partial.slice(0, -2)]

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [SRC, DST] })
    const creds = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
    src = { bucket: SRC, region: s3.region, endpointUrl: s3.endpoint, credentials: creds }
    dst = { bucket: DST, region: s3.region, endpointUrl: s3.endpoint, credentials: creds }
    client = makeS3Client(dst, { maxAttempts: 1 })
    for (const key of [...whole, ...partial]) await client.send(new PutObjectCommand({ Bucket: SRC, Key: key, Body: body(key) }))
  })
  afterAll(async () => {
    client?.destroy()
    await s3?.stop()
  })

  const listing = (listedAt = Date.now()): SourceListing => ({
    listedAt,
    folders: new Map([['data/spot/daily/trades/BTCUSDT/', whole], ['data/spot/daily/trades/ETHUSDT/', partial]]),
  })
  const tasksInto = (prefix: string): CopyTask[] => planned.map((k, id) => ({ id, sourceKey: k, destKey: `${prefix}/${k}`, size: body(k).length }))
  async function landed(prefix: string): Promise<string[]> {
    const r = await client.send(new ListObjectsV2Command({ Bucket: DST, Prefix: `${prefix}/` }))
    return (r.Contents ?? []).map((o) => o.Key!.slice(prefix.length + 1)).sort()
  }
  async function run(tasks: CopyTask[], l: SourceListing) {
    const engine = createS5cmdEngine({ binary: located.found ? located.path : '', version: located.found ? located.version : '', source: src, destination: dst, numWorkers: 4, retryCount: 0, batchSize: 24, partSizeMb: 50, listing: l })
    const results: TaskResult[] = []
    const logs: string[] = []
    const ctx: EngineContext = { signal: new AbortController().signal, onResult: (r) => results.push(r), log: (lv, m) => logs.push(`${lv}: ${m}`) }
    await engine.run(tasks, ctx)
    return { engine, results, logs }
  }

  it('copies exactly the planned objects, each settled by its own line, bytes intact', async () => {
    const tasks = tasksInto('p1')
    const { engine, results, logs } = await run(tasks, listing())
    expect(results, [...logs, ...engine.recentLines()].join('\n')).toHaveLength(tasks.length)
    expect(results.every((r) => r.outcome === 'synced')).toBe(true)
    expect(new Set(results.map((r) => r.id)).size).toBe(tasks.length)
    expect(results.reduce((a, r) => a + r.bytes, 0)).toBe(tasks.reduce((a, t) => a + t.size, 0))
    // ETHUSDT day 12 is listed but not planned: not copied.
    expect(await landed('p1')).toEqual([...planned].sort())
    const got = await client.send(new GetObjectCommand({ Bucket: DST, Key: `p1/${whole[3]}` }))
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body(whole[3]))
    expect(logs.filter((l) => l.startsWith('warn'))).toEqual([])
    expect(engine.batches).toEqual([24, 22])
  })

  it('an object gone since the listing is failed, not synced; a stale listing goes per key (NoSuchKey)', async () => {
    const gone = whole[5]
    await client.send(new DeleteObjectCommand({ Bucket: SRC, Key: gone }))
    try {
      const fresh = await run(tasksInto('p2'), listing())
      const missing = fresh.results.find((r) => r.id === 5)
      // The wildcard's listing no longer holds it: no line names it, so it cannot count as done.
      expect(missing).toMatchObject({ outcome: 'failed', bytes: 0, reason: expect.stringContaining('reported nothing') })
      expect(fresh.results.filter((r) => r.outcome === 'synced')).toHaveLength(planned.length - 1)
      const stale = await run(tasksInto('p3'), listing(Date.now() - LISTING_FRESH_MS - 1))
      expect(stale.results.find((r) => r.id === 5)).toMatchObject({ outcome: 'failed', errorClass: 'not-found', reason: expect.stringMatching(/^NoSuchKey/) })
      expect(stale.results.filter((r) => r.outcome === 'synced')).toHaveLength(planned.length - 1)
      expect(await landed('p3')).toEqual(planned.filter((k) => k !== gone).sort())
    } finally {
      await client.send(new PutObjectCommand({ Bucket: SRC, Key: gone, Body: body(gone) }))
    }
  })
})
