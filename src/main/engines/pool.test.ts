// The task pool's promises to the job: bounded concurrency, exactly one result per task, a cancel
// stops new work, an AccessDenied stops the rest, and no request the SDK retried is retried again.
import { describe, expect, it } from 'vitest'
import type { TaskResult } from '../../shared/contract'
import { runPool, type TaskBody } from './pool'
import type { CopyTask, EngineContext } from './types'

const tasks = (n: number): CopyTask[] => Array.from({ length: n }, (_, i) => ({ id: i, sourceKey: `data/k${i}.zip`, destKey: `x/k${i}.zip`, size: 10 }))
const opts = { engine: 'sdk-copy' as const, concurrency: 4, bucket: 'lake', retryCount: 2 }
const tick = () => new Promise((r) => setTimeout(r, 1))

function context(signal = new AbortController().signal) {
  const results: TaskResult[] = []
  const logs: string[] = []
  const ctx: EngineContext = { signal, onResult: (r) => void results.push(r), log: (_l, m) => void logs.push(m) }
  return { ctx, results, logs }
}

const once = (results: TaskResult[], n: number) => {
  expect(results.map((r) => r.id).sort((a, b) => a - b)).toEqual([...Array(n).keys()])
}

describe('runPool', () => {
  it('keeps at most `concurrency` tasks in flight and gives every task exactly one result', async () => {
    let inFlight = 0
    let peak = 0
    const body: TaskBody = async (t) => {
      peak = Math.max(peak, ++inFlight)
      await tick()
      inFlight -= 1
      if (t.id % 7 === 3) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404, attempts: 1 } })
      return { bytes: t.size }
    }
    const { ctx, results } = context()
    await runPool(tasks(50), ctx, opts, body)
    expect(peak).toBe(4)
    once(results, 50)
    expect(results.filter((r) => r.outcome === 'failed').every((r) => r.errorClass === 'not-found')).toBe(true)
    expect(results.filter((r) => r.outcome === 'synced')).toHaveLength(50 - 7)
  })

  it('a cancel stops new work; every task not started is failed as cancelled', async () => {
    const ac = new AbortController()
    let started = 0
    const body: TaskBody = async (t) => {
      if (++started === 3) ac.abort()
      await tick()
      return { bytes: t.size }
    }
    const { ctx, results } = context(ac.signal)
    await runPool(tasks(40), ctx, opts, body)
    once(results, 40)
    expect(started).toBeLessThanOrEqual(opts.concurrency)
    expect(results.filter((r) => r.reason === 'cancelled').length).toBeGreaterThanOrEqual(40 - opts.concurrency)
  })

  it('AccessDenied (RE002) stops the rest of the queue, naming the bucket, without another request', async () => {
    const seen: number[] = []
    const body: TaskBody = async (t) => {
      seen.push(t.id)
      await tick()
      if (t.id === 1) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
      return { bytes: t.size }
    }
    const { ctx, results, logs } = context()
    await runPool(tasks(30), ctx, { ...opts, concurrency: 2 }, body)
    once(results, 30)
    expect(seen.length).toBeLessThanOrEqual(3)
    const denied = results.find((r) => r.id === 1)!
    expect(denied).toMatchObject({ outcome: 'failed', errorClass: 'permission' })
    expect(denied.reason).toMatch(/AccessDenied: Access Denied \(RE002: access denied on lake; /)
    const rest = results.filter((r) => !seen.includes(r.id))
    expect(rest.length).toBeGreaterThanOrEqual(27)
    expect(rest.every((r) => /^not attempted: stopped after AccessDenied on lake \(RE002: /.test(r.reason ?? ''))).toBe(true)
    expect(logs.filter((m) => /stopping the job/.test(m))).toHaveLength(1)
  })

  it('retries a network error the SDK never saw (retry_count times), never one the SDK already retried', async () => {
    const calls = new Map<number, number>()
    const body: TaskBody = async (t) => {
      calls.set(t.id, (calls.get(t.id) ?? 0) + 1)
      // Task 0: a stream cut mid-body, twice, then fine. Task 1: cut every time. Task 2: an SDK error after its own 3 attempts.
      if (t.id === 0 && calls.get(0)! <= 2) throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
      if (t.id === 1) throw Object.assign(new Error('premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })
      if (t.id === 2) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } })
      return { bytes: t.size }
    }
    const { ctx, results } = context()
    await runPool(tasks(3), ctx, opts, body)
    once(results, 3)
    const byId = new Map(results.map((r) => [r.id, r]))
    expect(calls.get(0)).toBe(3)
    expect(byId.get(0)).toMatchObject({ outcome: 'synced', attempts: 3 })
    expect(calls.get(1)).toBe(1 + opts.retryCount)
    expect(byId.get(1)).toMatchObject({ outcome: 'failed', errorClass: 'network', attempts: 3 })
    expect(byId.get(1)!.reason).toContain('RE003')
    expect(calls.get(2)).toBe(1)
    expect(byId.get(2)).toMatchObject({ outcome: 'failed', errorClass: 'network', attempts: 3 })
  })

  it('pause holds the next task until resumed', async () => {
    let release!: () => void
    const paused = new Promise<void>((r) => (release = r))
    let ran = 0
    const { ctx, results } = context()
    const done = runPool(tasks(5), { ...ctx, waitIfPaused: () => paused }, opts, async (t) => (ran++, { bytes: t.size }))
    await tick()
    expect(ran).toBe(0)
    release()
    await done
    once(results, 5)
    expect(ran).toBe(5)
  })
})
