// Integration: the engine against a REAL s5cmd (S5CMD_PATH or PATH) and a local s3rver.
// Without a real s5cmd (>= 2.2.2) this suite is skipped, and says so.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { execa } from 'execa'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TaskResult } from '../../../shared/contract'
import { startS3Server, type LocalS3 } from '../../dev/s3-server'
import { makeS3Client } from '../../s3/clients'
import { createTaskFeed } from '../task-feed'
import type { CopyTask, EngineContext, Endpoint } from '../types'
import { batchText } from './batch'
import { createS5cmdEngine } from './engine'
import { childEnv, globalArgs } from './invocation'
import { locateS5cmd } from './locate'
import { parseLine } from './parse'
import { NO_REPORT_REASON } from './reconcile'

const located = await locateS5cmd()
const found = located.found && located.supported
if (!found)
  console.info(
    `[s5cmd integration] skipped: no supported s5cmd (${located.reason ?? "unsupported"}). ` +
      'Install s5cmd >= 2.2.2 and put it on PATH or in S5CMD_PATH to run it.',
  )

const SRC = 'data.binance.vision'
const DST = 'my-lake'
const body = (n: number, seed: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff))

describe.skipIf(!found)(`s5cmd engine with a real s5cmd (${located.found ? `${located.path} ${located.version}` : 'none'})`, () => {
  const bin = located.found ? located.path : ''
  const version = located.found ? located.version : ''
  let s3: LocalS3
  let client: S3Client
  let src: Endpoint
  let dst: Endpoint

  const keys = ['data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip', 'data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip.CHECKSUM', 'data/odd/a*[x](1)!.zip']
  const task = (id: number, sourceKey: string, size: number): CopyTask => ({ id, sourceKey, destKey: `lake/${sourceKey}`, size })

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [SRC, DST] })
    const creds = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
    src = { bucket: SRC, region: s3.region, endpointUrl: s3.endpoint, credentials: creds }
    dst = { bucket: DST, region: s3.region, endpointUrl: s3.endpoint, credentials: creds }
    client = makeS3Client(dst, { maxAttempts: 1 })
    for (const [i, key] of keys.entries()) await client.send(new PutObjectCommand({ Bucket: SRC, Key: key, Body: body(1000 + i * 100, i) }))
  })
  afterAll(async () => {
    client?.destroy()
    await s3?.stop()
  })

  function ctx() {
    const results: TaskResult[] = []
    const logs: string[] = []
    const c: EngineContext = { signal: new AbortController().signal, onResult: (r) => results.push(r), log: (l, m) => logs.push(`${l}: ${m}`) }
    return { c, results, logs }
  }

  it('copies server-side; a missing source is not-found; one result per task', async () => {
    const engine = createS5cmdEngine({ binary: bin, version, source: src, destination: dst, numWorkers: 4, retryCount: 1, batchSize: 2, partSizeMb: 50 })
    const tasks = [...keys.map((k, i) => task(i + 1, k, 1000 + i * 100)), task(9, 'data/missing.zip', 5)]
    const { c, results, logs } = ctx()
    await engine.run(tasks, c)
    const by = new Map(results.map((r) => [r.id, r]))
    expect(results).toHaveLength(tasks.length)
    for (const [i, key] of keys.entries()) {
      expect(by.get(i + 1), [...logs, ...engine.recentLines()].join('\n')).toMatchObject({ outcome: 'synced', bytes: 1000 + i * 100 })
      const got = await client.send(new GetObjectCommand({ Bucket: DST, Key: `lake/${key}` }))
      expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body(1000 + i * 100, i))
    }
    expect(by.get(9)).toMatchObject({ outcome: 'failed', errorClass: 'not-found', reason: expect.stringMatching(/^NoSuchKey/) })
    // The recorded success shape holds for this binary too.
    expect(engine.recentLines().some((l) => /^stdout: \{"operation":"cp","success":true,"source":"s3:\/\/data\.binance\.vision\//.test(l))).toBe(true)
    expect(engine.batches).toEqual([2, 2])
  })

  it('a feed that grows while s5cmd runs: one process takes every chunk, the first lands before the next is planned', async () => {
    const more = Array.from({ length: 6 }, (_, i) => `data/feed/f${i}.zip`)
    for (const [i, key] of more.entries()) await client.send(new PutObjectCommand({ Bucket: SRC, Key: key, Body: body(500 + i, 10 + i) }))
    const engine = createS5cmdEngine({ binary: bin, version, source: src, destination: dst, numWorkers: 2, retryCount: 1, batchSize: 10, partSizeMb: 50 })
    const { c, results, logs } = ctx()
    const feed = createTaskFeed()
    const running = engine.run(feed, c)
    feed.push(more.slice(0, 2).map((k, i) => task(i, k, 500 + i)))
    // The next chunk is planned only once the first has landed: s5cmd is copying while the feed is open.
    await expect.poll(() => results.length, { timeout: 20_000 }).toBe(2)
    feed.push(more.slice(2, 5).map((k, i) => task(i + 2, k, 502 + i)))
    await expect.poll(() => results.length, { timeout: 20_000 }).toBe(5)
    feed.push([task(5, more[5]!, 505)])
    feed.end()
    await running
    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill('synced'))
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([0, 1, 2, 3, 4, 5]))
    expect(logs.filter((l) => l.includes('s5cmd process for'))).toHaveLength(1)
    for (const [i, key] of more.entries()) {
      const got = await client.send(new GetObjectCommand({ Bucket: DST, Key: `lake/${key}` }))
      expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body(500 + i, 10 + i))
    }
  })

  it('a destination bucket that does not exist: NoSuchBucket, class other', async () => {
    const engine = createS5cmdEngine({ binary: bin, version, source: src, destination: { ...dst, bucket: 'nobucket' }, numWorkers: 2, retryCount: 0, batchSize: 10, partSizeMb: 50 })
    const { c, results } = ctx()
    await engine.run([task(1, keys[0]!, 1000)], c)
    expect(results).toEqual([expect.objectContaining({ outcome: 'failed', errorClass: 'other', reason: expect.stringMatching(/^NoSuchBucket.*check the bucket names/) })])
  })

  it('an endpoint nobody listens on: retry notices, then network (RE003)', async () => {
    const dead = 'http://127.0.0.1:9' // discard port: connection refused on loopback
    const engine = createS5cmdEngine({ binary: bin, version, source: { ...src, endpointUrl: dead }, destination: { ...dst, endpointUrl: dead }, numWorkers: 1, retryCount: 1, batchSize: 10, partSizeMb: 50 })
    const { c, results, logs } = ctx()
    await engine.run([task(1, keys[0]!, 1000)], c)
    expect(results).toEqual([expect.objectContaining({ outcome: 'failed', errorClass: 'network', reason: expect.stringContaining('RE003') })])
    const retry = engine.recentLines().find((l) => l.includes('retryable error'))
    expect(retry, engine.recentLines().join('\n')).toMatch(/^stdout: \{"error":"retryable error: RequestError: send request failed/)
    expect(logs.some((l) => l.startsWith('debug: s5cmd retryable error'))).toBe(true)
  })

  it('cancel while copies hang: SIGTERM ends s5cmd, every task is reported "cancelled"', async () => {
    // A server that accepts connections and never answers: copies stay in flight.
    const sockets: Socket[] = []
    const server = createServer((s) => sockets.push(s))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const engine = createS5cmdEngine({ binary: bin, version, source: { ...src, endpointUrl: url }, destination: { ...dst, endpointUrl: url }, numWorkers: 2, retryCount: 0, batchSize: 10, partSizeMb: 50, killGraceMs: 3_000 })
      const ac = new AbortController()
      const { c, results, logs } = ctx()
      c.signal = ac.signal
      const waitForConnection = setInterval(() => sockets.length >= 2 && ac.abort(), 20)
      const t0 = Date.now()
      await engine.run([task(1, keys[0]!, 1000), task(2, keys[1]!, 1100)], c)
      clearInterval(waitForConnection)
      expect(results.map((r) => [r.outcome, r.reason, r.errorClass])).toEqual([
        ['failed', 'cancelled', 'other'],
        ['failed', 'cancelled', 'other'],
      ])
      // s5cmd 2.2.2 does not interrupt in-flight requests on SIGTERM: here it took the SIGKILL.
      expect(logs).toContain('warn: s5cmd process ended (cancelled, signal SIGKILL), 0 retries')
      console.info(`[s5cmd integration] cancel took ${Date.now() - t0} ms; ${logs.filter((l) => l.includes('process ended')).join('; ')}`)
    } finally {
      for (const s of sockets) s.destroy()
      server.close()
    }
  })

  // The reference's quirks, checked on this binary with hand-made batches (not through the engine).
  async function runRaw(batch: string): Promise<{ exitCode?: number; lines: string[] }> {
    const r = await execa(bin, globalArgs({ numWorkers: 2, retryCount: 0, endpointUrl: s3.endpoint }), {
      input: batch,
      reject: false,
      env: childEnv(process.env, src, dst),
      extendEnv: false,
      timeout: 30_000,
    })
    return { exitCode: r.exitCode, lines: [...String(r.stdout).split('\n'), ...String(r.stderr).split('\n')].filter(Boolean) }
  }

  it('quirk: a bogus batch line is reported and the exit code stays 0 (its line number is unreliable)', async () => {
    const good = batchText([task(1, keys[0]!, 1000)], { sourceBucket: SRC, destinationBucket: DST, version })
    const { exitCode, lines } = await runRaw(`bogus a b\n${good}`)
    expect(exitCode).toBe(0)
    const events = lines.map((l) => parseLine(l))
    // The bogus line is line 0, but 2.2.2 read the loop counter late and said "line: 1" here.
    expect(events).toContainEqual(expect.objectContaining({ kind: 'bad-line', command: 'run', error: expect.stringMatching(/^"bogus" command \(line: \d+\) not found$/) }))
    expect(events).toContainEqual(expect.objectContaining({ kind: 'success' }))
  })

  it('quirk: a skip (cp -n on an existing object) is a debug line under `job`', async () => {
    const line = `cp -n --raw=true 's3://${SRC}/${keys[0]}' 's3://${DST}/lake/${keys[0]}'\n`
    await client.send(new HeadObjectCommand({ Bucket: DST, Key: `lake/${keys[0]}` }))
    const { exitCode, lines } = await runRaw(line)
    expect(exitCode).toBe(0)
    expect(lines.map((l) => parseLine(l))).toContainEqual({
      kind: 'skip',
      operation: 'cp',
      job: `cp s3://${SRC}/${keys[0]} s3://${DST}/lake/${keys[0]}`,
      reason: 'object already exists',
    })
  })

  it('hazard behind canCarry: a key with a space copies its `+` sibling and reports success', async () => {
    await client.send(new PutObjectCommand({ Bucket: SRC, Key: 'data/h a.zip', Body: 'SPACE' }))
    await client.send(new PutObjectCommand({ Bucket: SRC, Key: 'data/h+a.zip', Body: 'PLUS' }))
    const { exitCode, lines } = await runRaw(`cp --raw=true 's3://${SRC}/data/h a.zip' 's3://${DST}/h a.zip'\n`)
    expect(exitCode).toBe(0)
    expect(lines.map((l) => parseLine(l))).toContainEqual(expect.objectContaining({ kind: 'success' }))
    const got = await client.send(new GetObjectCommand({ Bucket: DST, Key: 'h a.zip' }))
    expect(await got.Body!.transformToString()).toBe('PLUS') // the wrong object
  })

  it('the engine routes such keys (and `?`) away instead of sending them', async () => {
    const engine = createS5cmdEngine({ binary: bin, version, source: src, destination: dst, numWorkers: 1, retryCount: 0, batchSize: 10, partSizeMb: 50 })
    const { c, results } = ctx()
    await engine.run([task(1, 'data/h a.zip', 5), task(2, 'data/q?.zip', 1)], c)
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'failed'])
    for (const r of results) expect(r.reason).toMatch(/^not sent to s5cmd: key contains/)
    expect(results[0]!.reason).not.toBe(NO_REPORT_REASON)
    expect(engine.batches).toEqual([])
  })
})
