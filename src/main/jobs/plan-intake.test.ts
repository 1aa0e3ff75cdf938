import { describe, expect, it } from 'vitest'
import type { PlannedTask } from '../../shared/plan'
import type { WildcardRun } from '../../shared/plan-wildcards'
import type { PlanWithStats } from '../plan/make-plan'
import { planIntake } from './plan-intake'

const task = (id: number, skip?: string): PlannedTask => ({ id, sourceKey: `data/f/${id}.zip`, destKey: `x/data/f/${id}.zip`, size: 10 + id, dataset: 'spot/daily/klines/1h', ...(skip ? { skip } : {}) })
const planOf = (tasks: PlannedTask[], wildcards: WildcardRun[] = []) => ({ tasks, wildcards }) as unknown as PlanWithStats

function harness(done: number[] = []) {
  const intake = planIntake()
  const seen = { gained: [] as number[], skipped: [] as number[], copying: [] as number[] }
  intake.attach({
    isDone: (id) => done.includes(id),
    gained: (c) => seen.gained.push(...c.map((t) => t.id)),
    skipped: (t) => seen.skipped.push(t.id),
    copying: (c) => seen.copying.push(...c.map((t) => t.id)),
  })
  const fed: number[][] = []
  const reading = (async () => {
    for await (const c of intake.feed) fed.push(c.map((t) => t.id))
  })()
  return { intake, seen, fed, reading }
}

describe('plan intake', () => {
  it('streams: chunks planned before the stream opens wait, then every chunk is counted and its copies fed in plan order', async () => {
    const { intake, seen, fed, reading } = harness()
    const runs: WildcardRun[] = []
    let made!: (p: PlanWithStats) => void
    const planned = new Promise<PlanWithStats>((resolve) => (made = resolve))
    intake.onTasks([task(0), task(1, 'already there')], runs)
    expect(seen.gained).toEqual([])
    intake.stream(planned)
    const first = intake.first(planned)
    intake.onTasks([task(2), task(3)], runs)
    expect(await first).toBe('data/f/0.zip')
    made(planOf([task(0), task(1, 'already there'), task(2), task(3)]))
    await planned
    intake.feed.end()
    await reading
    expect(intake.tasks.map((t) => t.id)).toEqual([0, 1, 2, 3])
    expect(seen).toEqual({ gained: [0, 1, 2, 3], skipped: [1], copying: [0, 2, 3] })
    expect(fed).toEqual([[0], [2, 3]])
    expect(intake.runs).toBe(runs)
  })

  it('a plan that never streamed (a preview) comes whole once made, before the first key is known', async () => {
    const { intake, seen, fed, reading } = harness()
    const runs = [{ prefix: 'data/f/', count: 8 }] as unknown as WildcardRun[]
    const planned = Promise.resolve(planOf([task(0, 'already there'), task(1)], runs))
    intake.stream(planned)
    expect(await intake.first(planned)).toBe('data/f/1.zip')
    intake.feed.end()
    await reading
    expect(seen).toEqual({ gained: [0, 1], skipped: [0], copying: [1] })
    expect(fed).toEqual([[1]])
    expect(intake.runs).toBe(runs)
  })

  it('a resume counts the whole plan, then hands on only what no session finished; nothing to copy means no first key', async () => {
    const { intake, seen, fed, reading } = harness([0, 1])
    const planned = Promise.resolve(planOf([task(0), task(1)]))
    intake.whole(await planned)
    intake.handAll()
    expect(await intake.first(planned)).toBeUndefined()
    intake.feed.end()
    await reading
    expect(seen).toEqual({ gained: [0, 1], skipped: [], copying: [] })
    expect(fed).toEqual([])
  })
})
