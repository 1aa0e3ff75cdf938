// The local S3 server stopped for 5 s mid-job. The SDK's own retries are spent in ~4 s; the job's
// breaker (src/main/engines/breaker.ts) pauses the queue, probes until the endpoint answers, and
// retries what the outage cut: the job ends with 0 failed and every object byte-identical.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveObject } from '../../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { createSdkEngine } from '../../src/main/engines/sdk-copy'
import { createDownloadEngine } from '../../src/main/engines/sdk-download'
import type { TransferEngine } from '../../src/main/engines/types'
import { bytesAt, clientOf, endpointOf, recorder, seedRandom, tasksFor } from '../helpers/engine-kit'

const OUTAGE_MS = 5_000
let s3: LocalS3
let dir: string
let tmp: string
let objects: ArchiveObject[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-sync-outage-s3-'))
  tmp = await mkdtemp(join(tmpdir(), 'archive-sync-outage-'))
  s3 = await startS3Server({ dir, buckets: ['src', 'lake'] })
  objects = await seedRandom(s3, 'src', Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`data/spot/daily/klines/X/1h/X-1h-${i}.zip`, 1_000 + i])))
})
afterAll(async () => {
  await s3?.stop()
  await rm(dir, { recursive: true, force: true })
  await rm(tmp, { recursive: true, force: true })
})

/** Runs `engine`; after `at` results the server is SIGKILLed and restarted on its port and folder OUTAGE_MS later. */
async function runThroughOutage(engine: TransferEngine, prefix: string, at = 60) {
  let stopped = 0
  let restarted: Promise<void> | undefined
  const rec = recorder(() => {
    if (rec.results.size !== at) return
    stopped = Date.now()
    process.kill(s3.pid, 'SIGKILL')
    restarted = new Promise((resolve) => setTimeout(resolve, OUTAGE_MS)).then(async () => void (s3 = await startS3Server({ dir, port: s3.port, buckets: ['src', 'lake'] })))
  })
  await engine.run(tasksFor(objects, prefix), rec.ctx)
  await restarted
  const results = [...rec.results.values()]
  return { results, stopped, logs: rec.logs, failed: results.filter((r) => r.outcome !== 'synced') }
}

describe('the S3 server stopped for 5 s mid-job', () => {
  it('SDK copy: 0 failed, every object byte-identical', async () => {
    const engine = createSdkEngine({ source: endpointOf(s3, 'src'), destination: endpointOf(s3, 'lake'), mode: 'copy', concurrency: 4, retryCount: 3, partSizeMb: 5 })
    const run = await runThroughOutage(engine, 'copy/')
    expect(run.stopped).toBeGreaterThan(0)
    expect(run.failed.map((r) => r.reason)).toEqual([])
    expect(run.results).toHaveLength(300)
    expect(run.logs.some((l) => /unreachable \(RE003\)/.test(l))).toBe(true)
    const c: S3Client = clientOf(s3)
    try {
      for (const o of objects) expect((await bytesAt(c, 'lake', `copy/${o.key}`))?.equals(o.body), o.key).toBe(true)
    } finally {
      c.destroy()
    }
  }, 90_000)

  it('SDK download: 0 failed, every file byte-identical', async () => {
    const root = join(tmp, 'download')
    const engine = createDownloadEngine({ source: endpointOf(s3, 'src'), root, concurrency: 4, retryCount: 3 })
    const run = await runThroughOutage(engine, '')
    expect(run.failed.map((r) => r.reason)).toEqual([])
    expect(run.results).toHaveLength(300)
    for (const o of objects) expect((await readFile(join(root, o.key))).equals(o.body), o.key).toBe(true)
  }, 90_000)
})
