import { describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from './config/validate'
import { destinationKeyOf, jobLabel, planFolders, type FolderPlan, type ListedObject, type Plan } from './plan'
import { buildPlan } from './planner'

const TODAY = '2024-06-15'

function config(over: Record<string, unknown> = {}): JobConfig {
  const r = validateConfig(
    {
      enable_s3_direct_sync: true,
      destination_bucket: 'lake',
      destination_prefix: 'bronze/binance',
      markets: ['spot'],
      symbols: ['BTCUSDT', 'ETHUSDT'],
      data_types: ['klines'],
      intervals: ['1h'],
      date_range: { start: '2024-03-01', end: '2024-03-03' },
      ...over,
    },
    { now: new Date(`${TODAY}T12:00:00Z`) },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

const BTC = 'data/spot/daily/klines/BTCUSDT/1h/'
const ETH = 'data/spot/daily/klines/ETHUSDT/1h/'
const zip = (folder: string, sym: string, day: string) => `${folder}${sym}-1h-${day}.zip`

/** A listing with each zip (size 1000 + i) and its checksum (91 bytes). */
function listing(folder: string, sym: string, days: string[]): ListedObject[] {
  return days.flatMap((d, i) => [
    { key: zip(folder, sym, d), size: 1000 + i, etag: `"e${i}"` },
    { key: `${zip(folder, sym, d)}.CHECKSUM`, size: 91 },
  ])
}

const DAYS = ['2024-03-01', '2024-03-02', '2024-03-03']

/** BTC complete; ETH lacks 2024-03-02 (zip and checksum). */
function sourceMap(): Map<string, ListedObject[]> {
  return new Map([
    [BTC, listing(BTC, 'BTCUSDT', DAYS)],
    [ETH, listing(ETH, 'ETHUSDT', ['2024-03-01', '2024-03-03'])],
  ])
}

function expectConsistent(plan: Plan): void {
  const s = plan.summary
  expect(s.objects).toBe(plan.tasks.length)
  expect(s.objects).toBe(s.toCopy + s.alreadyThere)
  expect(s.bytes).toBe(plan.tasks.reduce((a, t) => a + t.size, 0))
  expect(s.toCopyBytes).toBe(plan.tasks.filter((t) => !t.skip).reduce((a, t) => a + t.size, 0))
  expect(s.toCopy).toBe(plan.tasks.filter((t) => !t.skip).length)
  expect(s.missing).toBe(plan.missingKeys.length)
  expect(s.byDataset.reduce((a, r) => a + r.objects, 0)).toBe(s.objects)
  expect(s.byDataset.reduce((a, r) => a + r.bytes, 0)).toBe(s.bytes)
  expect(s.byDataset.reduce((a, r) => a + r.missing, 0)).toBe(s.missing)
  expect(plan.tasks.map((t) => t.id)).toEqual(plan.tasks.map((_, i) => i))
}

describe('planFolders', () => {
  it('one folder per symbol × interval, with the expected zip keys in date order', () => {
    const folders = planFolders(config(), TODAY)
    expect(folders).toHaveLength(2)
    expect(folders[0]).toMatchObject({ folder: BTC, dataset: 'spot/daily/klines/1h', expected: DAYS.map((d) => zip(BTC, 'BTCUSDT', d)) })
    expect(folders[1]).toMatchObject({ folder: ETH, dataset: 'spot/daily/klines/1h', expected: DAYS.map((d) => zip(ETH, 'ETHUSDT', d)) })
  })

  it('data types without an interval have no interval level and name the data type', () => {
    const folders = planFolders(config({ markets: ['futures/um'], symbols: ['BTCUSDT'], data_types: ['fundingRate'], frequency: 'monthly', date_range: { start: '2024-01-01', end: '2024-02-29' } }), TODAY)
    expect(folders).toHaveLength(1)
    expect(folders).toMatchObject([
      {
        folder: 'data/futures/um/monthly/fundingRate/BTCUSDT/',
        dataset: 'futures/um/monthly/fundingRate',
        expected: ['data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip', 'data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-02.zip'],
      },
    ])
  })

  it('auto frequency splits into monthly and daily folders', () => {
    const folders = planFolders(config({ symbols: ['BTCUSDT'], frequency: 'auto', date_range: { start: '2024-01-30', end: '2024-03-01' } }), TODAY)
    expect(folders.map((f) => [f.folder, f.expected.length])).toEqual([
      ['data/spot/daily/klines/BTCUSDT/1h/', 3],
      ['data/spot/monthly/klines/BTCUSDT/1h/', 1],
    ])
    expect(folders[1].expected).toEqual(['data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-02.zip'])
    expect(folders[0].expected.map((k) => k.slice(-14, -4))).toEqual(['2024-01-30', '2024-01-31', '2024-03-01'])
  })

  it('several intervals → one folder each', () => {
    const folders = planFolders(config({ symbols: ['BTCUSDT'], intervals: ['1m', '1d'] }), TODAY)
    expect(folders.map((f) => f.folder)).toEqual(['data/spot/daily/klines/BTCUSDT/1m/', 'data/spot/daily/klines/BTCUSDT/1d/'])
    expect(folders.map((f) => f.dataset)).toEqual(['spot/daily/klines/1m', 'spot/daily/klines/1d'])
  })

  it('uses the configured source prefix as the root', () => {
    const folders = planFolders(config({ symbols: ['BTCUSDT'], source: { prefix: 'mirror/data/' } }), TODAY)
    expect(folders[0].folder).toBe('mirror/data/spot/daily/klines/BTCUSDT/1h/')
    expect(folders[0].expected[0]).toBe('mirror/data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip')
  })

  // BTCUSD_PERP and BTCUSD_240927 both live under BTCUSD for COIN-M index klines; listing the same
  // symbol twice (btcusdt, BTCUSDT) collapses the same way. Each archive file must be planned once.
  it('plans each archive key once when symbols collapse to the same folder', () => {
    const c = config({ markets: ['futures/cm'], symbols: ['BTCUSD_PERP', 'BTCUSD_240927'], data_types: ['indexPriceKlines'], intervals: ['1d'], date_range: { start: '2024-03-01', end: '2024-03-02' } })
    const folders = planFolders(c, TODAY)
    expect(folders).toHaveLength(1)
    expect(folders[0].expected).toEqual([
      'data/futures/cm/daily/indexPriceKlines/BTCUSD/1d/BTCUSD-1d-2024-03-01.zip',
      'data/futures/cm/daily/indexPriceKlines/BTCUSD/1d/BTCUSD-1d-2024-03-02.zip',
    ])
  })

  it('plans each archive key once when the same symbol is listed twice in different case', () => {
    const c = config({ symbols: ['BTCUSDT', 'btcusdt'] })
    const folders = planFolders(c, TODAY)
    const plan = buildPlan(c, folders, new Map([[BTC, listing(BTC, 'BTCUSDT', DAYS)]]))
    expect(plan.tasks.map((t) => t.sourceKey)).toHaveLength(new Set(plan.tasks.map((t) => t.sourceKey)).size)
    expect(plan.summary.objects).toBe(6)
  })
})

describe('buildPlan', () => {
  it('one task for each listed zip and one for its .CHECKSUM, under <prefix>/<source key>', () => {
    const c = config()
    const plan = buildPlan(c, planFolders(c, TODAY), sourceMap())
    expect(plan.tasks).toHaveLength(10)
    const first = plan.tasks[0]
    expect(first).toEqual({
      id: 0,
      sourceKey: zip(BTC, 'BTCUSDT', '2024-03-01'),
      destKey: `bronze/binance/${zip(BTC, 'BTCUSDT', '2024-03-01')}`,
      size: 1000,
      etag: '"e0"',
      dataset: 'spot/daily/klines/1h',
    })
    expect(plan.tasks[1]).toMatchObject({ sourceKey: `${zip(BTC, 'BTCUSDT', '2024-03-01')}.CHECKSUM`, destKey: `bronze/binance/${zip(BTC, 'BTCUSDT', '2024-03-01')}.CHECKSUM`, size: 91 })
    for (const t of plan.tasks) expect(t.destKey).toBe(`bronze/binance/${t.sourceKey}`)
    expect(plan.tasks.filter((t) => t.sourceKey.endsWith('.CHECKSUM'))).toHaveLength(5)
    expect(plan.tasks.every((t) => t.skip === undefined)).toBe(true)
    expectConsistent(plan)
  })

  it('lists the expected zips the source does not have', () => {
    const c = config()
    const plan = buildPlan(c, planFolders(c, TODAY), sourceMap())
    expect(plan.missingKeys).toEqual([zip(ETH, 'ETHUSDT', '2024-03-02')])
    expect(plan.summary.missing).toBe(1)
    expect(plan.summary.missingKeys).toEqual([zip(ETH, 'ETHUSDT', '2024-03-02')])
  })

  it('a folder absent from the listing makes all its keys missing', () => {
    const c = config()
    const plan = buildPlan(c, planFolders(c, TODAY), new Map([[BTC, listing(BTC, 'BTCUSDT', DAYS)]]))
    expect(plan.missingKeys).toEqual(DAYS.map((d) => zip(ETH, 'ETHUSDT', d)))
    expect(plan.tasks).toHaveLength(6)
    expectConsistent(plan)
  })

  it('a checksum without its zip is not copied; a zip without its checksum is', () => {
    const c = config({ symbols: ['BTCUSDT'] })
    const src = new Map([
      [
        BTC,
        [
          { key: `${zip(BTC, 'BTCUSDT', '2024-03-01')}.CHECKSUM`, size: 91 },
          { key: zip(BTC, 'BTCUSDT', '2024-03-02'), size: 5 },
          { key: zip(BTC, 'BTCUSDT', '2024-03-03'), size: 6 },
          { key: `${zip(BTC, 'BTCUSDT', '2024-03-03')}.CHECKSUM`, size: 91 },
        ],
      ],
    ])
    const plan = buildPlan(c, planFolders(c, TODAY), src)
    expect(plan.tasks.map((t) => t.sourceKey)).toEqual([zip(BTC, 'BTCUSDT', '2024-03-02'), zip(BTC, 'BTCUSDT', '2024-03-03'), `${zip(BTC, 'BTCUSDT', '2024-03-03')}.CHECKSUM`])
    expect(plan.missingKeys).toEqual([zip(BTC, 'BTCUSDT', '2024-03-01')])
    expectConsistent(plan)
  })

  it('ignores listed objects the selection did not ask for', () => {
    const c = config({ symbols: ['BTCUSDT'], date_range: { start: '2024-03-02', end: '2024-03-02' } })
    const plan = buildPlan(c, planFolders(c, TODAY), sourceMap())
    expect(plan.tasks.map((t) => t.sourceKey)).toEqual([zip(BTC, 'BTCUSDT', '2024-03-02'), `${zip(BTC, 'BTCUSDT', '2024-03-02')}.CHECKSUM`])
  })

  it('include_checksums false → zips only', () => {
    const c = config({ include_checksums: false })
    const plan = buildPlan(c, planFolders(c, TODAY), sourceMap())
    expect(plan.tasks).toHaveLength(5)
    expect(plan.tasks.some((t) => t.sourceKey.endsWith('.CHECKSUM'))).toBe(false)
    expect(plan.summary.bytes).toBe(1000 + 1001 + 1002 + 1000 + 1001)
    expectConsistent(plan)
  })

  describe('incremental', () => {
    const c = config()
    const folders = planFolders(c, TODAY)
    const k1 = zip(BTC, 'BTCUSDT', '2024-03-01')
    const k2 = zip(BTC, 'BTCUSDT', '2024-03-02')
    const dest = new Map<string, ListedObject>([
      [`bronze/binance/${k1}`, { key: `bronze/binance/${k1}`, size: 1000 }], // same size → skip
      [`bronze/binance/${k1}.CHECKSUM`, { key: `bronze/binance/${k1}.CHECKSUM`, size: 91 }], // same size → skip
      [`bronze/binance/${k2}`, { key: `bronze/binance/${k2}`, size: 7 }], // different size → copy again
      [k2, { key: k2, size: 1001 }], // same key without the prefix: not the destination key → irrelevant
    ])

    it('skips only objects already at the destination key with the same size', () => {
      const plan = buildPlan(c, folders, sourceMap(), dest)
      expect(plan.tasks.filter((t) => t.skip).map((t) => t.sourceKey)).toEqual([k1, `${k1}.CHECKSUM`])
      expect(plan.tasks.find((t) => t.sourceKey === k2)!.skip).toBeUndefined()
      expect(plan.summary.alreadyThere).toBe(2)
      expect(plan.summary.toCopy).toBe(8)
      expect(plan.summary.toCopyBytes).toBe(plan.summary.bytes - 1000 - 91)
      expectConsistent(plan)
    })

    it('skipped tasks stay in the plan (and in the counts) with a reason', () => {
      const plan = buildPlan(c, folders, sourceMap(), dest)
      expect(plan.tasks).toHaveLength(10)
      expect(plan.summary.objects).toBe(10)
      expect(plan.tasks[0].skip).toEqual(expect.any(String))
      expect(plan.tasks[0].skip!.length).toBeGreaterThan(0)
    })

    it('enable_incremental false copies everything', () => {
      const off = config({ enable_incremental: false })
      const plan = buildPlan(off, planFolders(off, TODAY), sourceMap(), dest)
      expect(plan.tasks.every((t) => t.skip === undefined)).toBe(true)
      expect(plan.summary.toCopy).toBe(10)
      expect(plan.summary.alreadyThere).toBe(0)
      expectConsistent(plan)
    })

    it('same size but a different single-part ETag is copied again', () => {
      const md5 = (c: string) => c.repeat(32)
      const src = new Map([[BTC, [{ key: k1, size: 1000, etag: md5('a') }]]])
      const one = config({ symbols: ['BTCUSDT'], date_range: { start: '2024-03-01', end: '2024-03-01' } })
      const sameTag = buildPlan(one, planFolders(one, TODAY), src, new Map([[`bronze/binance/${k1}`, { key: `bronze/binance/${k1}`, size: 1000, etag: md5('a') }]]))
      expect(sameTag.summary.alreadyThere).toBe(1)
      const otherTag = buildPlan(one, planFolders(one, TODAY), src, new Map([[`bronze/binance/${k1}`, { key: `bronze/binance/${k1}`, size: 1000, etag: md5('b') }]]))
      expect(otherTag.summary.alreadyThere).toBe(0)
      expect(otherTag.summary.toCopy).toBe(1)
    })

    it('no destination listing → nothing skipped', () => {
      const plan = buildPlan(c, folders, sourceMap())
      expect(plan.summary.alreadyThere).toBe(0)
    })
  })

  it('byDataset has one row per dataset that adds up to the totals', () => {
    const c = config({ symbols: ['BTCUSDT'], intervals: ['1h', '1d'] })
    const D1 = 'data/spot/daily/klines/BTCUSDT/1d/'
    const src = new Map([
      [BTC, listing(BTC, 'BTCUSDT', DAYS)],
      [D1, [{ key: `${D1}BTCUSDT-1d-2024-03-01.zip`, size: 50 }]],
    ])
    const plan = buildPlan(c, planFolders(c, TODAY), src)
    expect(plan.summary.byDataset).toHaveLength(2)
    expect(plan.summary.byDataset).toMatchObject([
      { dataset: 'spot/daily/klines/1h', objects: 6, bytes: 1000 + 1001 + 1002 + 3 * 91, missing: 0 },
      { dataset: 'spot/daily/klines/1d', objects: 1, bytes: 50, missing: 2 },
    ])
    expectConsistent(plan)
  })

  it('the rows of one dataset (across symbols) add up to its share of the plan', () => {
    const c = config()
    const plan = buildPlan(c, planFolders(c, TODAY), sourceMap())
    const rows = plan.summary.byDataset.filter((r) => r.dataset === 'spot/daily/klines/1h')
    expect(rows.length).toBe(plan.summary.byDataset.length)
    expect(rows.reduce((a, r) => a + r.objects, 0)).toBe(10)
    expect(rows.reduce((a, r) => a + r.bytes, 0)).toBe(plan.summary.bytes)
    expect(rows.reduce((a, r) => a + r.missing, 0)).toBe(1)
    expectConsistent(plan)
  })

  it('output_directory keeps the source key as the destination key', () => {
    const c = config({ enable_s3_direct_sync: false, destination_bucket: undefined, output_directory: '/tmp/out' })
    expect(c.destination_prefix).toBe('bronze/binance')
    const plan = buildPlan(c, planFolders(c, TODAY), sourceMap())
    for (const t of plan.tasks) expect(t.destKey).toBe(t.sourceKey)
    expect(destinationKeyOf(c, 'data/x.zip')).toBe('data/x.zip')
  })

  it('a prefix with stray slashes is normalised in task keys', () => {
    const c = config({ symbols: ['BTCUSDT'], destination_prefix: '/lake//' })
    const plan = buildPlan(c, planFolders(c, TODAY), sourceMap())
    expect(plan.tasks[0].destKey).toBe(`lake/${zip(BTC, 'BTCUSDT', '2024-03-01')}`)
    const empty = config({ symbols: ['BTCUSDT'], destination_prefix: '' })
    expect(buildPlan(empty, planFolders(empty, TODAY), sourceMap()).tasks[0].destKey).toBe(zip(BTC, 'BTCUSDT', '2024-03-01'))
  })

  it('an empty destination prefix mirrors the source key exactly', () => {
    const c = config({ destination_prefix: '' })
    expect(destinationKeyOf(c, 'data/spot/a.zip')).toBe('data/spot/a.zip')
    const withSlash = config({ destination_prefix: 'lake/' })
    expect(destinationKeyOf(withSlash, 'data/spot/a.zip')).toBe('lake/data/spot/a.zip')
  })

  it('caps summary.missingKeys at 1000 but counts them all', () => {
    const c = config({ symbols: ['BTCUSDT'] })
    const many = [{ ...planFolders(c, TODAY)[0], expected: Array.from({ length: 1500 }, (_, i) => `${BTC}k${i}.zip`) }] satisfies FolderPlan[]
    const plan = buildPlan(c, many, new Map())
    expect(plan.missingKeys).toHaveLength(1500)
    expect(plan.summary.missing).toBe(1500)
    expect(plan.summary.missingKeys).toHaveLength(1000)
    expect(plan.summary.missingKeys[999]).toBe(`${BTC}k999.zip`)
  })
})

describe('jobLabel', () => {
  it('names what, who and when', () => {
    expect(jobLabel(config())).toBe('spot klines 1h · BTCUSDT, ETHUSDT · 2024-03-01…2024-03-03')
    expect(jobLabel(config({ symbols: ['A1', 'B1', 'C1', 'D1', 'E1'] }))).toBe('spot klines 1h · A1, B1, C1 +2 · 2024-03-01…2024-03-03')
  })
})

describe('frequency auto, from the listing', () => {
  const auto = (over: Record<string, unknown> = {}) => config({ frequency: 'auto', symbols: ['BTCUSDT'], date_range: { start: '2024-01-30', end: '2024-03-02' }, ...over })
  const M = 'data/spot/monthly/klines/BTCUSDT/1h/'
  const daysOf = (month: string, n: number) => Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)

  it('lists the daily folder as well, where the stand-ins for monthly files live', () => {
    const folders = planFolders(auto(), TODAY)
    expect(folders.map((f) => [f.folder, f.expected.length])).toEqual([
      [BTC, 2 + 2],
      [M, 1],
    ])
    expect(folders[1].fallback!.get(`${M}BTCUSDT-1h-2024-02.zip`)!.keys).toHaveLength(29)
  })

  it('takes the monthly file when listed; its daily files are not copied then', () => {
    const c = auto()
    const folders = planFolders(c, TODAY)
    const source = new Map([
      [BTC, listing(BTC, 'BTCUSDT', ['2024-01-30', '2024-01-31', ...daysOf('2024-02', 29), '2024-03-01', '2024-03-02'])],
      [M, [{ key: `${M}BTCUSDT-1h-2024-02.zip`, size: 5000 }, { key: `${M}BTCUSDT-1h-2024-02.zip.CHECKSUM`, size: 91 }]],
    ])
    const plan = buildPlan(c, folders, source)
    expect(plan.tasks.filter((t) => t.sourceKey.endsWith('.zip')).map((t) => t.sourceKey.split('/').pop())).toEqual([
      'BTCUSDT-1h-2024-01-30.zip',
      'BTCUSDT-1h-2024-01-31.zip',
      'BTCUSDT-1h-2024-03-01.zip',
      'BTCUSDT-1h-2024-03-02.zip',
      'BTCUSDT-1h-2024-02.zip',
    ])
    expect(plan.summary.periodSources).toEqual({ monthly: 1, daily: 0, missing: 0, truncated: false, months: [{ dataset: 'spot/klines/1h', symbol: 'BTCUSDT', month: '2024-02', from: 'monthly', missingKeys: [] }] })
  })

  it('falls back to the daily files of a month whose monthly file is not listed, each absent day reported', () => {
    const c = auto()
    const days = daysOf('2024-02', 29).filter((d) => d !== '2024-02-10')
    const plan = buildPlan(c, planFolders(c, TODAY), new Map([[BTC, listing(BTC, 'BTCUSDT', ['2024-01-30', '2024-01-31', ...days, '2024-03-01', '2024-03-02'])]]))
    expect(plan.tasks.filter((t) => t.sourceKey.endsWith('.zip'))).toHaveLength(4 + 28)
    expect(plan.missingKeys).toEqual([`${BTC}BTCUSDT-1h-2024-02-10.zip`])
    expect(plan.summary.periodSources).toMatchObject({ monthly: 0, daily: 1, missing: 0, months: [{ month: '2024-02', from: 'daily', missingKeys: [`${BTC}BTCUSDT-1h-2024-02-10.zip`] }] })
    // Rows count the daily files under the daily dataset: the numbers add up.
    const daily = plan.summary.byDataset.find((r) => r.dataset === 'spot/daily/klines/1h')!
    expect(daily).toMatchObject({ objects: 32 * 2, missing: 1 })
    expect(plan.summary.byDataset.find((r) => r.dataset === 'spot/monthly/klines/1h')).toMatchObject({ objects: 0, missing: 0 })
  })

  it('a month with neither file is missing, with its daily keys', () => {
    const c = auto()
    const plan = buildPlan(c, planFolders(c, TODAY), new Map())
    expect(plan.summary.periodSources).toMatchObject({ monthly: 0, daily: 0, missing: 1 })
    expect(plan.missingKeys).toHaveLength(2 + 29 + 2)
    expect(plan.summary.periodSources!.months[0].missingKeys).toHaveLength(29)
  })

  it('an ended interval plans no daily stand-in after its tree stopped (futures 1w daily until 2023-12-31)', () => {
    const c = config({ markets: ['futures/um'], symbols: ['BTCUSDT'], intervals: ['1w'], frequency: 'auto', date_range: { start: '2023-12-01', end: '2024-01-31' } })
    const monthly = planFolders(c, TODAY).find((f) => f.folder.includes('/monthly/'))!
    expect(monthly.expected).toEqual(['data/futures/um/monthly/klines/BTCUSDT/1w/BTCUSDT-1w-2023-12.zip', 'data/futures/um/monthly/klines/BTCUSDT/1w/BTCUSDT-1w-2024-01.zip'])
    expect([...monthly.fallback!.values()].map((f) => f.keys.length)).toEqual([31, 0])
    // Neither monthly file listed: December falls back to its daily files; January has none to fall back to.
    const plan = buildPlan(c, planFolders(c, TODAY), new Map())
    expect(plan.summary.periodSources).toMatchObject({ monthly: 0, daily: 0, missing: 2 })
    expect(plan.missingKeys).toHaveLength(31 + 1)
    expect(plan.missingKeys.at(-1)).toBe('data/futures/um/monthly/klines/BTCUSDT/1w/BTCUSDT-1w-2024-01.zip')
  })
})
