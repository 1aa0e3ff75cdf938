// PLUMBING TEST — a fake executable (fake-binary.testkit.ts) stands in for s5cmd to exercise the
// process handling: streaming, exit codes, env-only credentials, SIGTERM → SIGKILL, no zombie.
// It prints lines recorded from the real s5cmd, but it proves nothing about s5cmd's own behaviour:
// that is engine.real.test.ts, against a real binary.
import { mkdtemp, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TaskResult } from '../../../shared/contract'
import { createTaskFeed } from '../task-feed'
import type { CopyTask, EngineContext } from '../types'
import { createS5cmdEngine, type S5cmdEngineOptions } from './engine'
import { type FakeDir, makeFakeDir, runScript } from './fake-binary.testkit'
import { CANCELLED_REASON, NO_REPORT_REASON } from './reconcile'

let fake: FakeDir
let bin: string
beforeAll(async () => {
  fake = await makeFakeDir()
  bin = await fake.script('s5cmd', runScript)
})
afterAll(() => fake.remove())

const task = (id: number, name: string, size = 10): CopyTask => ({ id, sourceKey: `data/${name}`, destKey: `x/data/${name}`, size })

function options(mode: string, over: Partial<S5cmdEngineOptions> = {}): S5cmdEngineOptions {
  return {
    binary: bin,
    version: 'v2.2.2-48f7e59',
    source: { bucket: 'src', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:1' },
    destination: {
      bucket: 'dst',
      region: 'us-east-1',
      endpointUrl: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKID_TEST', secretAccessKey: 'SECRET_TEST' },
    },
    numWorkers: 4,
    retryCount: 2,
    batchSize: 3,
    partSizeMb: 50,
    baseEnv: { PATH: process.env.PATH, FAKE_MODE: mode, AWS_SESSION_TOKEN: 'STALE_AMBIENT', AWS_PROFILE: 'ambient' },
    ...over,
  }
}

function context(signal = new AbortController().signal) {
  const results: TaskResult[] = []
  const started: number[][] = []
  const logs: string[] = []
  const ctx: EngineContext = {
    signal,
    onResult: (r) => results.push(r),
    onStart: (ids) => started.push([...ids]),
    log: (level, m) => logs.push(`${level}: ${m}`),
  }
  return { ctx, results, started, logs }
}

describe('s5cmd engine — process plumbing with a fake binary (not proof of s5cmd behaviour)', () => {
  it('streams results, one per task, from one process for the whole job; quirks reconciled', async () => {
    const engine = createS5cmdEngine(options(''))
    const tasks = [task(1, 'a.zip'), task(2, 'nope.zip'), task(3, 'skip.zip', 7), task(4, 'silent.zip'), task(5, 'refuse.zip'), task(6, 'b.zip', 5), task(7, 'bad key.zip')]
    const { ctx, results, started, logs } = context()
    await engine.run(tasks, ctx)
    expect(results).toHaveLength(7)
    expect(new Set(results.map((r) => r.id)).size).toBe(7)
    const by = new Map(results.map((r) => [r.id, r]))
    expect(by.get(1)).toMatchObject({ outcome: 'synced', bytes: 10, engine: 's5cmd' })
    expect(by.get(2)).toMatchObject({ outcome: 'failed', errorClass: 'not-found' })
    expect(by.get(3)).toMatchObject({ outcome: 'skipped', bytes: 7, reason: 'object size matches' })
    // 4 is never mentioned and 5's line is refused: both end failed with why, once s5cmd has exited
    // (1, for the NoSuchKey of task 2).
    const refused = `${NO_REPORT_REASON} (s5cmd exited with code 1; s5cmd: refused a batch line: "bogus" command (line: 4) not found)`
    expect(by.get(4)).toMatchObject({ outcome: 'failed', errorClass: 's5cmd', reason: refused })
    expect(by.get(5)).toMatchObject({ outcome: 'failed', errorClass: 's5cmd', reason: refused })
    expect(by.get(6)).toMatchObject({ outcome: 'synced', bytes: 5 })
    expect(by.get(7)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^not sent to s5cmd: key contains U\+0020/) })
    // Handed over as the window allows (8 lines for 4 workers); counted in units of batch_size.
    expect(started).toEqual([[1, 2, 3, 4, 5, 6]])
    expect(engine.batches).toEqual([3, 3])
    expect(logs.some((l) => l.startsWith('warn: unrecognised s5cmd line (not JSON): this is not json'))).toBe(true)
    expect(logs.some((l) => l.startsWith('debug: s5cmd retryable error'))).toBe(true)
    expect(engine.recentLines().some((l) => l.startsWith('stderr: {"operation":"cp","command":"cp s3://src/data/nope.zip'))).toBe(true)
  })

  it('one worker: s5cmd holds at most two lines, and the third goes once a result is in', async () => {
    const engine = createS5cmdEngine(options('', { batchSize: 1, numWorkers: 1 }))
    const order: string[] = []
    const { ctx } = context()
    ctx.onStart = (ids) => order.push(`start ${ids.join()}`)
    ctx.onResult = (r) => order.push(`result ${r.id}`)
    await engine.run([task(1, 'a'), task(2, 'b'), task(3, 'c')], ctx)
    expect(order[0]).toBe('start 1,2')
    expect(order.indexOf('start 3')).toBeGreaterThan(order.findIndex((o) => o.startsWith('result')))
    expect(order.filter((o) => o.startsWith('result')).sort()).toEqual(['result 1', 'result 2', 'result 3'])
    expect(engine.batches).toEqual([1, 1, 1])
  })

  it('one process for every batch: batch_size only counts, nothing drains between batches', async () => {
    const engine = createS5cmdEngine(options('', { batchSize: 3, numWorkers: 4 }))
    const ended: string[] = []
    const { ctx, results } = context()
    ctx.log = (_level, m) => (m.startsWith('s5cmd process ended') ? ended.push(m) : undefined)
    await engine.run([task(1, 'a'), task(2, 'b'), task(3, 'c'), task(4, 'd'), task(5, 'e'), task(6, 'f'), task(7, 'g')], ctx)
    expect(ended).toHaveLength(1)
    expect(results.map((r) => r.outcome)).toEqual(Array(7).fill('synced'))
    expect(engine.batches).toEqual([3, 3, 1])
  })

  it('credentials reach the child only through its environment; stale ambient ones are dropped', async () => {
    const engine = createS5cmdEngine(options('env', { source: { bucket: 'src', region: 'ap-northeast-1', endpointUrl: 'http://127.0.0.1:1' } }))
    const { ctx, logs } = context()
    await engine.run([task(1, 'a')], ctx)
    const line = engine.recentLines().find((l) => l.includes('"argv"'))!
    const seen = JSON.parse(line.replace(/^stdout: /, '')) as { argv: string[]; env: Record<string, string> }
    expect(seen.argv).toEqual(['--json', '--log', 'debug', '--numworkers', '4', '--retry-count', '2', '--endpoint-url', 'http://127.0.0.1:1', 'run'])
    // The child did get them (the fake printed them back, and the kept line was redacted).
    expect(seen.env).toEqual({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: '[redacted]', AWS_SECRET_ACCESS_KEY: '[redacted]' })
    expect(`${logs.join('\n')}${engine.recentLines().join('\n')}`).not.toMatch(/SECRET_TEST|AKID_TEST/)
    expect(engine.exportBatch([task(1, 'a')]).batch).toBe("cp --raw=true --source-region 'ap-northeast-1' 's3://src/data/a' 's3://dst/x/data/a'\n")
  })

  it('a child that dies mid-job: what it took is failed with the exit code, what it never took goes to a new process', async () => {
    const engine = createS5cmdEngine(options('crash', { numWorkers: 1 }))
    const { ctx, results, logs } = context()
    await engine.run([task(1, 'a'), task(2, 'b'), task(3, 'c'), task(4, 'd')], ctx)
    // Each process takes two lines, answers one and exits 2: one synced and one failed each time.
    expect(results.map((r) => r.id).sort()).toEqual([1, 2, 3, 4])
    expect(results.filter((r) => r.outcome === 'synced')).toHaveLength(2)
    const failed = results.filter((r) => r.outcome === 'failed')
    expect(failed.map((r) => r.reason)).toEqual(Array(2).fill(`${NO_REPORT_REASON} (s5cmd exited with code 2)`))
    expect(logs.some((l) => /^warn: s5cmd ended before taking [12] lines: a new process takes them$/.test(l))).toBe(true)
  })

  it('a child that dies while the feed is still open: what it never took, and what was planned after, goes to the next process', async () => {
    const engine = createS5cmdEngine(options('crash', { numWorkers: 1 }))
    const { ctx, results, logs } = context()
    const feed = createTaskFeed()
    const running = engine.run(feed, ctx)
    feed.push([task(1, 'a'), task(2, 'b'), task(3, 'c'), task(4, 'd')])
    await vi.waitFor(() => expect(logs.some((l) => /^warn: s5cmd ended before taking [12] lines: a new process takes them$/.test(l))).toBe(true), { timeout: 10_000 })
    feed.push([task(5, 'e'), task(6, 'f')])
    feed.push([task(7, 'g')])
    feed.end()
    await running
    // Every task once, whichever process had it: each process answered one line and died.
    const processes = logs.filter((l) => l.startsWith('debug: s5cmd process for')).length
    expect(results.map((r) => r.id).sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(processes).toBeGreaterThanOrEqual(3)
    expect(results.filter((r) => r.outcome === 'synced')).toHaveLength(processes)
  })

  it('a child that dies having taken every line: the rest are failed with the exit code', async () => {
    const engine = createS5cmdEngine(options('crash'))
    const { ctx, results } = context()
    await engine.run([task(1, 'a'), task(2, 'b')], ctx)
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      [2, 'synced'],
      [1, 'failed'],
    ])
    expect(results[1]!.reason).toBe(`${NO_REPORT_REASON} (s5cmd exited with code 2)`)
  })

  it('a binary that cannot start: every task failed, with why', async () => {
    const engine = createS5cmdEngine(options('', { binary: `${fake.dir}/does-not-exist` }))
    const { ctx, results } = context()
    await engine.run([task(1, 'a')], ctx)
    expect(results).toEqual([expect.objectContaining({ id: 1, outcome: 'failed', reason: expect.stringMatching(/s5cmd could not run: .*ENOENT/) })])
  })

  it('cancel: SIGTERM honoured; finished tasks keep their result, the rest are "cancelled"; lines not handed over never start', async () => {
    const engine = createS5cmdEngine(options('term', { batchSize: 2, numWorkers: 1 }))
    const ac = new AbortController()
    const { ctx, results, started } = context(ac.signal)
    ctx.onResult = (r) => {
      results.push(r)
      ac.abort()
    }
    await engine.run([task(1, 'a'), task(2, 'b'), task(3, 'c')], ctx)
    // By task: 3 (never handed over) may be reported while the process is still stopping.
    expect(results.map((r) => [r.id, r.outcome, r.reason]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'failed', CANCELLED_REASON],
      [2, 'synced', undefined],
      [3, 'failed', CANCELLED_REASON],
    ])
    expect(started).toEqual([[1, 2]])
  })

  it('cancel: a child that ignores SIGTERM is SIGKILLed after the grace period, and is gone', async () => {
    const engine = createS5cmdEngine(options('hang', { killGraceMs: 300 }))
    const ac = new AbortController()
    const { ctx, results, logs } = context(ac.signal)
    let pid = 0
    const t0 = Date.now()
    const timer = setInterval(() => {
      const line = engine.recentLines().find((l) => l.startsWith('stdout: {"pid"'))
      if (line) {
        pid = (JSON.parse(line.slice(8)) as { pid: number }).pid
        clearInterval(timer)
        ac.abort()
      }
    }, 20)
    await engine.run([task(1, 'a'), task(2, 'b')], ctx)
    clearInterval(timer)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300)
    expect(results.map((r) => r.outcome).sort()).toEqual(['failed', 'synced'])
    expect(results.find((r) => r.outcome === 'failed')).toMatchObject({ reason: CANCELLED_REASON, errorClass: 'other' })
    expect(pid).toBeGreaterThan(0)
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/)
    expect(logs).toContain('warn: s5cmd process ended (cancelled, signal SIGKILL), 0 retries')
  })

  it('leaves no output files behind, after a normal run and after a SIGKILL', async () => {
    const tmp = await mkdtemp(join(fake.dir, 'tmp-'))
    const saved = process.env.TMPDIR
    process.env.TMPDIR = tmp // os.tmpdir() reads it on every call
    try {
      await createS5cmdEngine(options('', { batchSize: 2 })).run([task(1, 'a'), task(2, 'b'), task(3, 'c')], context().ctx)
      const ac = new AbortController()
      const { ctx } = context(ac.signal)
      const run = createS5cmdEngine(options('hang', { killGraceMs: 50 })).run([task(1, 'a')], ctx)
      await vi.waitFor(async () => expect(await readdir(tmp)).toHaveLength(1)) // the running batch's folder
      setTimeout(() => ac.abort(), 100)
      await run
      expect(await readdir(tmp)).toEqual([])
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    }
  })

  it('already aborted: nothing is spawned, every task reported cancelled', async () => {
    const engine = createS5cmdEngine(options(''))
    const ac = new AbortController()
    ac.abort()
    const { ctx, results, started } = context(ac.signal)
    await engine.run([task(1, 'a'), task(2, 'b')], ctx)
    expect(results.map((r) => r.reason)).toEqual([CANCELLED_REASON, CANCELLED_REASON])
    expect(started).toEqual([])
  })
})
