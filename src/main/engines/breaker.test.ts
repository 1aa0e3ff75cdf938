// The breaker's promises to the job: an outage shorter than the patience costs no object (tasks it
// cut are retried, no task starts while the endpoint is down), an object that fails while the
// endpoint answers still fails, and an outage past the patience stops the job with RE003.
import { describe, expect, it } from 'vitest'
import type { TaskResult } from '../../shared/contract'
import { runPool, type TaskBody } from './pool'
import type { CopyTask, EngineContext } from './types'

const tasks = (n: number): CopyTask[] => Array.from({ length: n }, (_, i) => ({ id: i, sourceKey: `data/k${i}.zip`, destKey: `x/k${i}.zip`, size: 10 }))
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', $metadata: { attempts: 4 } })
const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms))

function context() {
  const results: TaskResult[] = []
  const logs: string[] = []
  const ctx: EngineContext = { signal: new AbortController().signal, onResult: (r) => void results.push(r), log: (_l, m) => void logs.push(m) }
  return { ctx, results, logs }
}

/** An endpoint that is down between `from` and `to` (ms after start). */
function outage(from: number, to: number) {
  const t0 = Date.now()
  const down = () => Date.now() - t0 >= from && Date.now() - t0 < to
  const startedWhileDown: number[] = []
  let probes = 0
  const body: TaskBody = async (t) => {
    if (down()) startedWhileDown.push(t.id)
    await tick(5)
    if (down()) throw refused()
    return { bytes: t.size }
  }
  const probe = async () => {
    probes += 1
    if (down()) throw refused()
  }
  return { body, probe, startedWhileDown, probes: () => probes }
}

describe('outage breaker (through the pool)', () => {
  it('rides out an outage: every object synced, and no task starts while the endpoint is down', async () => {
    const o = outage(30, 800)
    const { ctx, results, logs } = context()
    await runPool(tasks(200), ctx, { engine: 'sdk-copy', concurrency: 4, bucket: 'lake', retryCount: 2, probe: o.probe, outagePatienceMs: 10_000 }, o.body)
    expect(results.filter((r) => r.outcome === 'synced')).toHaveLength(200)
    // At most the tasks in flight when it went down, and only before the first probe saw it.
    expect(o.startedWhileDown.length).toBeLessThanOrEqual(4)
    expect(o.probes()).toBeGreaterThan(1)
    expect(logs.some((m) => /unreachable \(RE003\)/.test(m))).toBe(true)
    expect(logs.some((m) => /answers again/.test(m))).toBe(true)
  })

  it('a network failure while the endpoint answers is that object failing: RE003, not retried forever', async () => {
    const { ctx, results } = context()
    let probes = 0
    const body: TaskBody = async (t) => {
      if (t.id === 3) throw refused()
      return { bytes: t.size }
    }
    await runPool(tasks(10), ctx, { engine: 'sdk-copy', concurrency: 2, bucket: 'lake', retryCount: 1, probe: async () => void (probes += 1), outagePatienceMs: 10_000 }, body)
    expect(results.filter((r) => r.outcome === 'failed')).toEqual([expect.objectContaining({ id: 3, errorClass: 'network', reason: expect.stringContaining('RE003') })])
    expect(probes).toBe(1)
  })

  it('an outage past the patience stops the job: the cut tasks and the rest fail RE003, nothing more is attempted', async () => {
    const o = outage(20, 60_000)
    const { ctx, results, logs } = context()
    const started = Date.now()
    await runPool(tasks(50), ctx, { engine: 'download', concurrency: 2, bucket: 'src', retryCount: 1, probe: o.probe, outagePatienceMs: 600 }, o.body)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(results).toHaveLength(50)
    const failed = results.filter((r) => r.outcome === 'failed')
    expect(failed.length).toBeGreaterThan(40)
    expect(failed.every((r) => r.errorClass === 'network' && /RE003/.test(r.reason ?? ''))).toBe(true)
    expect(failed.filter((r) => r.attempts === 0).every((r) => /unreachable for 1 s/.test(r.reason ?? ''))).toBe(true)
    expect(logs.some((m) => /stayed unreachable/.test(m))).toBe(true)
  })
})
