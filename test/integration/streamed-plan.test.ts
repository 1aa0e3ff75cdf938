// One pipeline from listing to copying (DESIGN §6): a job listed now copies its first folders while
// later folders are still listed, lands every object once, and a job stopped before its plan was
// whole resumes by planning again, redoing nothing it had journaled — or refuses, with what to do,
// when the listing changed meanwhile. A proxy holds one folder's listing to open that window.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobEvent } from '../../src/shared/contract'
import { createApp } from '../../src/main/app'
import { generateArchive, seedBucket } from '../../src/main/dev/fixtures'
import type { FaultProxy, SeenRequest } from '../helpers/fault-proxy'
import { behindProxy, getBytes, LAKE_BUCKET, listKeys, SOURCE_BUCKET, startLocalArchive, type LocalArchive } from '../helpers/local-archive'

let env: LocalArchive
let proxy: FaultProxy
let base: Record<string, unknown>
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT']

beforeAll(async () => {
  env = await startLocalArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: SYMBOLS, intervals: ['1h'], start: '2024-03-01', end: '2024-03-10' }])
  ;({ proxy, base } = await behindProxy(env))
}, 120_000)
afterAll(async () => {
  await proxy?.stop()
  await env?.stop()
})

const isCopy = (r: SeenRequest) => r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined
/** The source key of a CopyObject: its `x-amz-copy-source` is `<bucket>/<key>`, URL-encoded. */
const copiedKey = (r: SeenRequest) => decodeURIComponent(String(r.headers['x-amz-copy-source'])).replace(/^\/?/, '').slice(SOURCE_BUCKET.length + 1)
/** Holds the archive's listing of the last folder in plan order (the config's): the job has the others' tasks meanwhile. */
const holdLastFolder = (ms: number) => ({
  match: (r: Omit<SeenRequest, 'action'>) => r.method === 'GET' && r.query.get('list-type') === '2' && r.path.startsWith(`/${SOURCE_BUCKET}`) && (r.query.get('prefix') ?? '').includes('/BNBUSDT/'),
  action: { kind: 'delay' as const, ms },
  times: 1,
})
const job = (prefix: string, start = '2024-03-01') => ({
  destination_prefix: prefix,
  markets: ['spot'],
  symbols: SYMBOLS,
  data_types: ['klines'],
  intervals: ['1h'],
  frequency: 'daily' as const,
  date_range: { start, end: '2024-03-10' },
  performance_optimization: { max_concurrent: 4 },
})

type App = ReturnType<typeof createApp>
/** Starts the job in an app of its own (no preview: it lists its own plan), following its events. */
async function startJob(config: ReturnType<typeof job>) {
  const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: base, snapshotMs: 50 })
  const events: JobEvent[] = []
  const ref: { id?: string } = {}
  const off = app.services.jobs.onEvent((e) => void (e.jobId === ref.id && events.push(e)))
  const id = (ref.id = (await app.handlers['jobs:start']({ config })).jobId)
  const synced = () => events.flatMap((e) => (e.type === 'task-batch' ? e.results : [])).filter((r) => r.outcome === 'synced').length
  return { app, id, seen: { events, off, synced } }
}
const planLogAt = (events: JobEvent[]) => events.findIndex((e) => e.type === 'log' && e.message.startsWith('Plan:'))

describe('a plan listed while the job copies', () => {
  it('copies the first folders while the last is still listed; every object lands once, byte-identical', async () => {
    proxy.rules = [holdLastFolder(2_500)]
    const from = proxy.seen.length
    const { app, id, seen } = await startJob(job('streamed'))
    const report = await waitDone(app, id)
    seen.off()
    await app.close()
    expect(report).toMatchObject({ status: 'completed', files_synced: 60, files_failed: 0 })
    // Results reached the monitor before the plan was complete: the copies did not wait for the held listing.
    const firstResult = seen.events.findIndex((e) => e.type === 'task-batch' && e.results.some((r) => r.outcome === 'synced'))
    expect(firstResult).toBeGreaterThanOrEqual(0)
    expect(firstResult).toBeLessThan(planLogAt(seen.events))
    const copies = proxy.seen.slice(from).filter(isCopy).map(copiedKey)
    expect(copies.slice().sort()).toEqual(env.objects.map((o) => o.key).sort())
    for (const o of env.objects) expect(await getBytes(env.client, LAKE_BUCKET, `streamed/${o.key}`)).toEqual(Buffer.from(o.body))
  })

  it('cancelled before its plan was whole: a report of what it did, no plan saved; the resume plans again and redoes nothing journaled', async () => {
    proxy.rules = [holdLastFolder(4_000)]
    const from = proxy.seen.length
    const { app, id, seen } = await startJob(job('stopped'))
    await expect.poll(seen.synced, { timeout: 20_000 }).toBeGreaterThan(0)
    await app.handlers['jobs:cancel']({ jobId: id })
    const first = await waitDone(app, id)
    expect(first).toMatchObject({ status: 'cancelled' })
    expect(planLogAt(seen.events)).toBe(-1)
    const dir = join(env.dataDir, 'jobs', id)
    expect(existsSync(join(dir, 'plan.ndjson'))).toBe(false)
    const journaled = await syncedKeys(dir)
    expect(journaled.size).toBe(first.files_synced)
    expect(journaled.size).toBeGreaterThan(0)

    const resumedFrom = proxy.seen.length
    proxy.rules = []
    await app.handlers['jobs:resume']({ jobId: id })
    const second = await waitDone(app, id)
    seen.off()
    await app.close()
    // Copies in flight at the cancel landed unjournaled: the new plan finds them at the destination.
    expect(second).toMatchObject({ status: 'completed', files_failed: 0 })
    expect(second.files_synced + second.files_skipped).toBe(60)
    expect(existsSync(join(dir, 'plan.ndjson'))).toBe(true)
    // What the first session journaled as copied is not copied again; the rest is, once.
    const again = proxy.seen.slice(resumedFrom).filter(isCopy).map(copiedKey)
    expect(again.filter((k) => journaled.has(k))).toEqual([])
    expect(new Set(again).size).toBe(again.length)
    const all = new Set([...proxy.seen.slice(from, resumedFrom).filter(isCopy).map(copiedKey), ...again])
    expect([...all].sort()).toEqual(env.objects.map((o) => o.key).sort())
    expect(await listKeys(env.client, LAKE_BUCKET, 'stopped/')).toHaveLength(60)
  })

  it('a resume whose listing changed since the stop refuses with PLAN_CHANGED and says what to do', async () => {
    proxy.rules = [holdLastFolder(4_000)]
    // The range opens a day before the archive: the first folder's tasks start at its second day.
    const { app, id, seen } = await startJob(job('changed', '2024-02-29'))
    await expect.poll(seen.synced, { timeout: 20_000 }).toBeGreaterThan(0)
    await app.handlers['jobs:cancel']({ jobId: id })
    await waitDone(app, id)
    // The archive publishes that day for the first folder in plan order: every journaled task moves by two ids.
    await seedBucket(env.s3, SOURCE_BUCKET, generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1h'], start: '2024-02-29', end: '2024-02-29' }]))
    proxy.rules = []
    await app.handlers['jobs:resume']({ jobId: id })
    await expect.poll(() => app.services.jobs.errorOf(id), { timeout: 20_000 }).toBeDefined()
    seen.off()
    expect(app.services.jobs.errorOf(id)).toMatchObject({ code: 'PLAN_CHANGED', message: expect.stringMatching(/Run the job again as a new job/) })
    await app.close()
  })
})

/** The job's report, once it has ended. */
async function waitDone(app: App, jobId: string) {
  for (;;) {
    const s = await app.services.jobs.status(jobId)
    if (s.report && ['completed', 'failed', 'cancelled'].includes(s.state)) return s.report
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function syncedKeys(dir: string): Promise<Set<string>> {
  const lines = (await readFile(join(dir, 'journal.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; outcome?: string; key?: string })
  return new Set(lines.filter((l) => l.type === 'result' && l.outcome === 'synced').map((l) => l.key!))
}
