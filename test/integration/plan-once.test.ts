// Plan once (DESIGN §4): preview, coverage and start share one listing, and a job started from a
// preview copies exactly the tasks the preview counted, not what the archive gained since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/main/app'
import { generateArchive, seedBucket } from '../../src/main/dev/fixtures'
import type { FaultProxy, SeenRequest } from '../helpers/fault-proxy'
import { behindProxy, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

let env: LocalArchive
let proxy: FaultProxy
let base: Record<string, unknown>

beforeAll(async () => {
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT', 'ETHUSDT'], intervals: ['1h'], start: '2024-03-01', end: '2024-03-10' }])
  // Every request of the app goes through the proxy, which counts them.
  ;({ proxy, base } = await behindProxy(env))
}, 120_000)
afterAll(async () => {
  await proxy?.stop()
  await env?.stop()
})

const isList = (r: SeenRequest) => r.method === 'GET' && r.query.get('list-type') === '2'
const isCopy = (r: SeenRequest) => r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined
const job = (prefix: string, end = '2024-03-10') => ({
  destination_prefix: prefix,
  markets: ['spot'],
  symbols: ['BTCUSDT', 'ETHUSDT'],
  data_types: ['klines'],
  intervals: ['1h'],
  frequency: 'daily' as const,
  date_range: { start: '2024-03-01', end },
})

type App = ReturnType<typeof createApp>
async function waitForReport(app: App, jobId: string) {
  return new Promise<Awaited<ReturnType<App['handlers']['jobs:report']>>>((resolve) => {
    const off = app.services.jobs.onEvent((e) => {
      if (e.jobId === jobId && e.type === 'state' && ['completed', 'failed', 'cancelled'].includes(e.state)) {
        off()
        void app.handlers['jobs:report']({ jobId }).then(resolve)
      }
    })
  })
}

describe('plan once', () => {
  it('preview, coverage and start make one listing between them; nothing is listed between Start and the first copy', async () => {
    const config = job('once')
    // What one plan of this config lists, measured on an app of its own.
    const alone = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: base })
    const before = proxy.seen.length
    await alone.handlers['plan:preview']({ config })
    await alone.close()
    const onePlan = proxy.seen.slice(before).filter(isList).length
    expect(onePlan).toBeGreaterThan(0)

    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: base, snapshotMs: 50 })
    const from = proxy.seen.length
    // Preview and coverage arrive together from the page: they share the listing in flight.
    const [preview, coverage] = await Promise.all([app.handlers['plan:preview']({ config }), app.handlers['plan:coverage']({ config })])
    expect(proxy.seen.slice(from).filter(isList).length).toBe(onePlan)
    expect(preview).toMatchObject({ objects: 40, toCopy: 40, missing: 0 })
    expect(coverage.symbols).toEqual(['BTCUSDT', 'ETHUSDT'])
    expect((await app.handlers['plan:preview']({ config })).planId).toBe(preview.planId)

    const startedAt = proxy.seen.length
    const { jobId } = await app.handlers['jobs:start']({ config, planId: preview.planId })
    const report = await waitForReport(app, jobId)
    await app.close()
    expect(report).toMatchObject({ files_synced: 40, files_failed: 0 })
    const firstCopy = proxy.seen.findIndex((r, i) => i >= startedAt && isCopy(r))
    expect(firstCopy).toBeGreaterThanOrEqual(startedAt)
    expect(proxy.seen.slice(startedAt, firstCopy).filter(isList)).toEqual([])
    // Preview + coverage + start up to the first copy: the listings of one plan (verification lists after the copies).
    expect(proxy.seen.slice(from, firstCopy).filter(isList).length).toBe(onePlan)
  })

  it('a job started from a preview copies exactly the previewed tasks: an object seeded after the preview is not copied', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: base, snapshotMs: 50 })
    const config = job('exact', '2024-03-11')
    const preview = await app.handlers['plan:preview']({ config })
    expect(preview).toMatchObject({ objects: 40, missing: 2 })
    const late = generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1h'], start: '2024-03-11', end: '2024-03-11' }])
    await seedBucket(env.s3, SOURCE_BUCKET, late)
    const { jobId } = await app.handlers['jobs:start']({ config, planId: preview.planId })
    const report = await waitForReport(app, jobId)
    expect(report).toMatchObject({ files_synced: 40, files_failed: 0 })
    const landed = await listKeys(env.client, LAKE_BUCKET, 'exact/')
    expect(landed).toHaveLength(40)
    expect(landed).not.toContain(`exact/${late[0]!.key}`)
    // The plan was taken by the job: the next preview lists again and sees the new object.
    const again = await app.handlers['plan:preview']({ config })
    expect(again.planId).not.toBe(preview.planId)
    expect(again).toMatchObject({ objects: 42, missing: 1 })
    await app.close()
  })

  it('refuses a plan id it no longer holds, or one made for another selection, with a code and what to do', async () => {
    const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: base, snapshotMs: 50 })
    const a = await app.handlers['plan:preview']({ config: job('a') })
    await expect(app.handlers['jobs:start']({ config: job('b'), planId: a.planId })).rejects.toMatchObject({ code: 'PLAN_MISMATCH', message: expect.stringMatching(/preview it again/) })
    await expect(app.handlers['jobs:start']({ config: job('a'), planId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'PLAN_EXPIRED', message: expect.stringMatching(/refresh the preview/) })
    // An explicit refresh lists again and makes a new plan.
    const fresh = await app.handlers['plan:preview']({ config: job('a'), refresh: true })
    expect(fresh.planId).not.toBe(a.planId)
    await app.close()
  })
})
