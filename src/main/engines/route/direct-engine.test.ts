// The direct route's hand-over rules, with scripted engines standing in for s5cmd and the SDK.
import { describe, expect, it } from 'vitest'
import type { ErrorClass, TaskResult } from '../../../shared/contract'
import { createDirectEngine } from './direct-engine'
import type { S5cmdEngine } from '../s5cmd/engine'
import { allTasks } from '../task-feed'
import type { CopyTask, EngineContext, TransferEngine } from '../types'

const task = (id: number, key = `data/spot/daily/trades/X/X-trades-2024-01-0${id}.zip`): CopyTask => ({ id, sourceKey: key, destKey: `lake/${key}`, size: 100 + id })

/** An s5cmd stand-in: fails the listed ids with the given class, syncs the rest. */
function scriptedS5cmd(failures: Record<number, ErrorClass>, seen: number[]): S5cmdEngine {
  return {
    name: 's5cmd',
    batches: [],
    exportBatch: () => ({ batch: '', argv: [], commandLine: '', env: [], routed: [] }),
    recentLines: () => [],
    async run(input, ctx) {
      for (const t of await allTasks(input)) {
        if (ctx.signal.aborted) {
          ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: 's5cmd', reason: 'cancelled', errorClass: 'other' })
          continue
        }
        seen.push(t.id)
        const c = failures[t.id]
        ctx.onResult(c ? { id: t.id, outcome: 'failed', bytes: 0, engine: 's5cmd', reason: `scripted ${c}`, errorClass: c } : { id: t.id, outcome: 'synced', bytes: t.size, engine: 's5cmd' })
      }
    },
  }
}

function recordingSdk(got: number[]): TransferEngine {
  return {
    name: 'sdk-copy',
    async run(input, ctx) {
      for (const t of await allTasks(input)) {
        got.push(t.id)
        ctx.onResult({ id: t.id, outcome: 'synced', bytes: t.size, engine: 'sdk-copy' })
      }
    },
  }
}

async function runDirect(tasks: CopyTask[], failures: Record<number, ErrorClass>) {
  const s5 = [] as number[]
  const sdk = [] as number[]
  const results = new Map<number, TaskResult[]>()
  const ctx: EngineContext = {
    signal: new AbortController().signal,
    onResult: (r) => results.set(r.id, [...(results.get(r.id) ?? []), r]),
    log: () => undefined,
  }
  const engine = createDirectEngine(scriptedS5cmd(failures, s5), recordingSdk(sdk), 'lake')
  await engine.run(tasks, ctx)
  return { s5, sdk, results, engine }
}

describe('direct engine: s5cmd first, the SDK once', () => {
  it('retries retryable s5cmd failures through the SDK, exactly one final result per task', async () => {
    const { s5, sdk, results, engine } = await runDirect([task(1), task(2), task(3), task(4)], { 2: 'network', 3: 's5cmd' })
    expect(s5).toEqual([1, 2, 3, 4])
    expect(sdk).toEqual([2, 3])
    for (const id of [1, 2, 3, 4]) expect(results.get(id)).toHaveLength(1)
    expect(results.get(2)![0]).toMatchObject({ outcome: 'synced', engine: 'sdk-copy' })
    expect(engine.fallbackCount).toBe(2)
    expect(engine.fallbacks.join('\n')).toMatch(/network error, retried through the SDK \(1 objects\)/)
  })

  it('does not retry what cannot succeed elsewhere (the object does not exist)', async () => {
    const { sdk, results } = await runDirect([task(1), task(2)], { 1: 'not-found' })
    expect(sdk).toEqual([])
    expect(results.get(1)![0]).toMatchObject({ outcome: 'failed', errorClass: 'not-found' })
  })

  it('stops the job on AccessDenied (RE002): nothing more is attempted and nothing falls back', async () => {
    const { s5, sdk, results } = await runDirect([task(1), task(2), task(3), task(4)], { 1: 'network', 2: 'permission' })
    expect(s5).toEqual([1, 2])
    expect(sdk).toEqual([])
    expect(results.get(2)![0]).toMatchObject({ outcome: 'failed', errorClass: 'permission' })
    for (const id of [1, 3, 4]) expect(results.get(id)![0].reason).toMatch(/stopped after AccessDenied on lake \(RE002/)
  })

  it('sends keys s5cmd cannot carry safely straight to the SDK', async () => {
    const odd = task(5, 'data/odd name/file+1.zip')
    const { s5, sdk, engine } = await runDirect([task(1), odd], {})
    expect(s5).toEqual([1])
    expect(sdk).toEqual([5])
    expect(engine.fallbacks[0]).toMatch(/key routed to the SDK/)
  })
})
