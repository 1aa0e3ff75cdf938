import { describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from './config/validate'
import { planFolders, type ListedObject } from './plan'
import { buildPlan, createPlanner, type ReleasedListing } from './planner'

const TODAY = '2024-06-15'
const D = (sym: string) => `data/spot/daily/klines/${sym}/1h/`
const M = (sym: string) => `data/spot/monthly/klines/${sym}/1h/`
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT']

// auto over Jan 30 – Mar 2: each symbol's monthly folder falls back to its daily folder for February.
function config(): JobConfig {
  const r = validateConfig(
    { enable_s3_direct_sync: true, destination_bucket: 'lake', destination_prefix: 'bronze', markets: ['spot'], symbols: SYMBOLS, data_types: ['klines'], intervals: ['1h'], frequency: 'auto', date_range: { start: '2024-01-30', end: '2024-03-02' } },
    { now: new Date(`${TODAY}T12:00:00Z`) },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

const files = (folder: string, names: string[]): ListedObject[] => names.flatMap((n, i) => [{ key: `${folder}${n}`, size: 100 + i, etag: `e${i}` }, { key: `${folder}${n}.CHECKSUM`, size: 91 }])
const days = (sym: string, ds: string[]) => files(D(sym), ds.map((d) => `${sym}-1h-${d}.zip`))
const february = Array.from({ length: 29 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')}`)

/** BTC has its monthly file; ETH has only the daily files of February, one day short; BNB has neither. */
function listings(): Map<string, ListedObject[]> {
  return new Map([
    [D('BTCUSDT'), days('BTCUSDT', ['2024-01-30', '2024-01-31', '2024-03-01', '2024-03-02'])],
    [M('BTCUSDT'), files(M('BTCUSDT'), ['BTCUSDT-1h-2024-02.zip'])],
    [D('ETHUSDT'), days('ETHUSDT', ['2024-01-30', '2024-01-31', ...february.filter((d) => d !== '2024-02-10'), '2024-03-01', '2024-03-02'])],
    [M('ETHUSDT'), []],
    [D('BNBUSDT'), days('BNBUSDT', ['2024-01-30'])],
    [M('BNBUSDT'), []],
  ])
}

describe('createPlanner', () => {
  it('makes the same plan whatever order the listings arrive in', () => {
    const c = config()
    const folders = planFolders(c, TODAY)
    const whole = buildPlan(c, folders, listings())
    expect(whole.tasks.length).toBeGreaterThan(0)
    expect(whole.missingKeys).toContain(`${D('ETHUSDT')}ETHUSDT-1h-2024-02-10.zip`)
    for (const order of [[...listings().keys()], [...listings().keys()].reverse(), [M('ETHUSDT'), D('BNBUSDT'), D('BTCUSDT'), M('BNBUSDT'), M('BTCUSDT'), D('ETHUSDT')]]) {
      const planner = createPlanner(c, folders)
      const all = listings()
      for (const folder of order) planner.add(folder, all.get(folder)!)
      expect(planner.finish(), order.join(' ')).toEqual(whole)
    }
  })

  it('hands on the new tasks of each step: every task once, in plan order, the first before the last listing, whatever the order', () => {
    const c = config()
    const folders = planFolders(c, TODAY)
    const whole = buildPlan(c, folders, listings())
    for (const order of [[...listings().keys()], [...listings().keys()].reverse()]) {
      const given: number[][] = []
      const planner = createPlanner(c, folders, { onPlanned: (tasks) => given.push(tasks.map((t) => t.id)) })
      const all = listings()
      const beforeLast: number[] = []
      for (const [i, folder] of order.entries()) {
        if (i === order.length - 1) beforeLast.push(...given.flat())
        planner.add(folder, all.get(folder)!)
      }
      const plan = planner.finish()
      expect(given.flat(), order.join(' ')).toEqual(plan.tasks.map((t) => t.id))
      expect(plan).toEqual(whole)
      // In plan order, the first folders' tasks are handed on while a later listing is still out.
      if (order[0] === D('BTCUSDT')) expect(beforeLast.length).toBeGreaterThan(0)
    }
  })

  it('plans each folder as soon as it and the folder it falls back to are in, and lets each listing go once', () => {
    const c = config()
    const folders = planFolders(c, TODAY)
    const released: ReleasedListing[] = []
    const events: string[] = []
    const planner = createPlanner(c, folders, { onRelease: (r) => (released.push(r), events.push(`let go ${r.folder}`)) })
    const all = listings()
    const add = (folder: string) => (events.push(`add ${folder}`), planner.add(folder, all.get(folder)!))
    // Folders plan in order: BTC's daily, BTC's monthly (which reads BTC's daily), then ETH's, then BNB's.
    expect(folders.map((f) => f.folder)).toEqual(SYMBOLS.flatMap((sym) => [D(sym), M(sym)]))
    add(M('ETHUSDT'))
    add(D('BTCUSDT'))
    add(M('BTCUSDT'))
    // BTC's two are planned and let go at once; ETH's monthly waits for ETH's daily.
    expect(events).toEqual([`add ${M('ETHUSDT')}`, `add ${D('BTCUSDT')}`, `add ${M('BTCUSDT')}`, `let go ${D('BTCUSDT')}`, `let go ${M('BTCUSDT')}`])
    add(D('BNBUSDT'))
    add(M('BNBUSDT'))
    expect(released).toHaveLength(2)
    add(D('ETHUSDT'))
    expect(events.slice(-4).sort()).toEqual([D('ETHUSDT'), M('ETHUSDT'), D('BNBUSDT'), M('BNBUSDT')].map((f) => `let go ${f}`).sort())
    const plan = planner.finish()
    expect(released.map((r) => r.folder).sort()).toEqual([...all.keys()].sort())
    // What each listing gave: every task's key once, under the listing it came from.
    expect(released.flatMap((r) => r.taken).sort()).toEqual(plan.tasks.map((t) => t.sourceKey).sort())
    expect(released.flatMap((r) => r.missing).sort()).toEqual([...plan.missingKeys].sort())
    const eth = released.find((r) => r.folder === D('ETHUSDT'))!
    expect(eth.taken).toHaveLength((4 + 28) * 2)
    expect(eth.missing).toEqual([`${D('ETHUSDT')}ETHUSDT-1h-2024-02-10.zip`])
  })

  it('plans a folder never listed as an empty one: its keys are missing, nothing is silently dropped', () => {
    const c = config()
    const folders = planFolders(c, TODAY)
    const planner = createPlanner(c, folders)
    const all = listings()
    all.delete(D('BTCUSDT'))
    for (const [folder, objects] of all) planner.add(folder, objects)
    const plan = planner.finish()
    expect(plan).toEqual(buildPlan(c, folders, all))
    expect(plan.missingKeys).toEqual(expect.arrayContaining(['2024-01-30', '2024-01-31', '2024-03-01', '2024-03-02'].map((d) => `${D('BTCUSDT')}BTCUSDT-1h-${d}.zip`)))
  })

  it('refuses a folder listed twice', () => {
    const c = config()
    const planner = createPlanner(c, planFolders(c, TODAY))
    planner.add(D('BNBUSDT'), [])
    expect(() => planner.add(D('BNBUSDT'), [])).toThrow(/listed twice/)
  })
})
