// Pause holds new work while in-flight copies finish; continue completes the job; a cancel while
// paused winds it down with every task accounted for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobEvent } from '../../src/shared/contract'
import { createApp } from '../../src/main/app'
import { LAKE_BUCKET, listKeys, startLocalArchive, type LocalArchive } from '../helpers/local-archive'
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'

let env: LocalArchive
let proxy: FaultProxy

beforeAll(async () => {
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'trades', symbols: ['BTCUSDT'], start: '2024-04-01', end: '2024-04-20' }])
  // Every copy takes a little while, so a pause lands mid-job.
  proxy = await startFaultProxy(env.s3.endpoint, { rules: [{ match: (r) => r.headers['x-amz-copy-source'] !== undefined, action: { kind: 'delay', ms: 40 } }] })
})
afterAll(async () => {
  await proxy?.stop()
  await env?.stop()
})

/** The server's settings, endpoints through the proxy: a connection sends only the selection. */
const serverBase = () => ({
  ...env.base,
  s3_config: { ...(env.base.s3_config as object), endpoint_url: proxy.endpoint },
  source: { ...(env.base.source as object), endpoint_url: proxy.endpoint },
})

const config = (prefix: string) => ({
  destination_prefix: prefix,
  markets: ['spot'],
  symbols: ['BTCUSDT'],
  data_types: ['trades'],
  date_range: { start: '2024-04-01', end: '2024-04-20' },
  performance_optimization: { max_concurrent: 2 },
})

function track(app: ReturnType<typeof createApp>) {
  const results: number[] = []
  const states: string[] = []
  app.services.jobs.onEvent((e: JobEvent) => {
    if (e.type === 'task-batch') results.push(...e.results.map((r) => r.id))
    if (e.type === 'state') states.push(e.state)
  })
  return { results, states }
}

const copies = () => proxy.count((r) => r.headers['x-amz-copy-source'] !== undefined)

describe('pause and continue', () => {
  it('holds new copies while paused, then finishes every object once', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: serverBase(), snapshotMs: 20 })
    const seen = track(app)
    const base = copies()
    const { jobId } = await app.handlers['jobs:start']({ config: config('paused') })
    await until(() => copies() >= base + 4)
    await app.handlers['jobs:pause']({ jobId })
    const atPause = copies()
    // A worker already past the gate may still send its copy (at most max_concurrent = 2);
    // once those land, nothing new starts however long the pause lasts.
    await until(() => seen.results.length >= atPause - base)
    const held = copies()
    expect(held - atPause).toBeLessThanOrEqual(2)
    await new Promise((r) => setTimeout(r, 300))
    expect(copies()).toBe(held)
    expect(held - base).toBeLessThan(40)
    await app.handlers['jobs:continue']({ jobId })
    const report = await until(async () => (await app.handlers['jobs:status']({ jobId })).report)
    await app.close()
    expect(report).toMatchObject({ status: 'completed', files_synced: 40, files_failed: 0 })
    expect(seen.states).toEqual(expect.arrayContaining(['running', 'paused', 'running', 'completed']))
    expect(await listKeys(env.client, LAKE_BUCKET, 'paused/')).toHaveLength(40)
  })

  it('a cancel while paused ends the job with every task accounted for', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: serverBase(), snapshotMs: 20 })
    const base = copies()
    const { jobId } = await app.handlers['jobs:start']({ config: config('cancelled') })
    await until(() => copies() >= base + 1)
    await app.handlers['jobs:pause']({ jobId })
    await expect(app.handlers['jobs:pause']({ jobId })).rejects.toMatchObject({ code: 'JOB_NOT_RUNNING' })
    await app.handlers['jobs:cancel']({ jobId })
    const report = await until(async () => (await app.handlers['jobs:status']({ jobId })).report)
    await app.close()
    expect(report.status).toBe('cancelled')
    expect(report.files_synced + report.files_skipped + report.files_failed).toBe(40)
    expect(report.files_synced).toBeLessThan(40)
  })
})

/** Polls a condition (no fixed sleeps for the outcome); fails after 20 s. */
async function until<T>(probe: () => T | Promise<T>): Promise<NonNullable<T>> {
  for (let i = 0; i < 400; i++) {
    const v = await probe()
    if (v) return v as NonNullable<T>
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('condition not reached in 20 s')
}
