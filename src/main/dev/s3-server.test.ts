import { connect } from 'node:net'
import {
  CopyObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localClient } from './fixtures'
import { startS3Server, type LocalS3 } from './s3-server'

const SRC = 'data.binance.vision'
const DST = 'my-lake'

// One attempt: a stopped server must fail the probe at once, not after retries.
const client = (s3: LocalS3): S3Client => localClient(s3, { maxAttempts: 1 })

/** Resolves with the socket error code, or 'connected'. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1')
    sock.once('connect', () => (sock.destroy(), resolve('connected')))
    sock.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message))
  })
}

describe('startS3Server', () => {
  let s3: LocalS3
  let c: S3Client

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [SRC, DST] })
    c = client(s3)
  })
  afterAll(async () => {
    c?.destroy()
    await s3?.stop()
  })

  it('listens on a free loopback port', async () => {
    expect(s3.port).toBeGreaterThan(0)
    expect(s3.endpoint).toBe(`http://127.0.0.1:${s3.port}`)
    expect(await probe(s3.port)).toBe('connected')
  })

  it('puts, gets and server-side copies objects, including in a bucket with dots', async () => {
    const body = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 10, 13])
    const key = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip'
    const put = await c.send(new PutObjectCommand({ Bucket: SRC, Key: key, Body: body }))
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/)

    const got = await c.send(new GetObjectCommand({ Bucket: SRC, Key: key }))
    expect(await got.Body?.transformToByteArray()).toEqual(body)

    const dstKey = `lake/${key}`
    const copy = await c.send(new CopyObjectCommand({ Bucket: DST, Key: dstKey, CopySource: `${SRC}/${key}` }))
    expect(copy.CopyObjectResult?.ETag).toBe(put.ETag)
    const copied = await c.send(new GetObjectCommand({ Bucket: DST, Key: dstKey }))
    expect(await copied.Body?.transformToByteArray()).toEqual(body)
  })

  it('paginates ListObjectsV2 with continuation tokens (needs DES)', async () => {
    const prefix = 'page/'
    const keys = Array.from({ length: 7 }, (_, i) => `${prefix}k${i}.zip`)
    await Promise.all(keys.map((Key) => c.send(new PutObjectCommand({ Bucket: DST, Key, Body: Key }))))

    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await c.send(
        new ListObjectsV2Command({ Bucket: DST, Prefix: prefix, MaxKeys: 3, ContinuationToken: token }),
      )
      pages += 1
      seen.push(...(page.Contents ?? []).map((o) => o.Key ?? ''))
      token = page.IsTruncated ? page.NextContinuationToken : undefined
      // Real DES, not the child's plain-text fallback: the key must not show through.
      if (token) expect(Buffer.from(token, 'base64').toString('latin1')).not.toContain(prefix)
    } while (token)
    expect(pages).toBe(3)
    expect(seen).toEqual(keys)
  })

  it('lists by prefix from its folder: partial names, missing folders, a key as the prefix, delimiters', async () => {
    const keys = ['q/a/BTC-2024-01-01.zip', 'q/a/BTC-2024-01-02.zip', 'q/a/BTC-2024-02-01.zip', 'q/a/sub/x.zip', 'q/b/y.zip', 'qz.zip']
    await Promise.all(keys.map((Key) => c.send(new PutObjectCommand({ Bucket: DST, Key, Body: Key }))))
    const list = async (Prefix: string, Delimiter?: string) => {
      const r = await c.send(new ListObjectsV2Command({ Bucket: DST, Prefix, Delimiter }))
      return { keys: (r.Contents ?? []).map((o) => o.Key), prefixes: (r.CommonPrefixes ?? []).map((p) => p.Prefix) }
    }
    expect((await list('q/a/BTC-2024-01')).keys).toEqual(keys.slice(0, 2))
    expect((await list('q/a/')).keys).toEqual(keys.slice(0, 4))
    expect((await list('q')).keys).toEqual(keys)
    expect((await list('q/nowhere/')).keys).toEqual([])
    expect((await list('qz.zip/')).keys).toEqual([])
    expect(await list('q/', '/')).toEqual({ keys: [], prefixes: ['q/a/', 'q/b/'] })
  })

  it('stop() really stops the server and removes its temp dir', async () => {
    const other = await startS3Server()
    expect(await probe(other.port)).toBe('connected')
    await other.stop()
    await other.stop() // idempotent
    expect(await probe(other.port)).toBe('ECONNREFUSED')
    const { existsSync } = await import('node:fs')
    expect(existsSync(other.dir)).toBe(false)
  })

  it('holds each copy copyLatencyMs before answering it, and the copy still lands', async () => {
    const slow = await startS3Server({ buckets: [SRC, DST], copyLatencyMs: 300 })
    const sc = client(slow)
    try {
      await sc.send(new PutObjectCommand({ Bucket: SRC, Key: 'data/a.zip', Body: 'zip bytes' }))
      const t0 = performance.now()
      await sc.send(new CopyObjectCommand({ Bucket: DST, Key: 'lake/a.zip', CopySource: `${SRC}/data/a.zip` }))
      // A lower bound only: the delay is a sleep, so the copy cannot answer sooner.
      expect(performance.now() - t0).toBeGreaterThanOrEqual(295)
      const got = await sc.send(new GetObjectCommand({ Bucket: DST, Key: 'lake/a.zip' }))
      expect(await got.Body!.transformToString()).toBe('zip bytes')
    } finally {
      sc.destroy()
      await slow.stop()
    }
  })

  it('rejects when the port is taken', async () => {
    await expect(startS3Server({ port: s3.port })).rejects.toThrow(/EADDRINUSE/)
  })
})
