// A wildcard run must copy exactly the plan's tasks: every listed key under its prefix is a task,
// and nothing published later can match it.
import { describe, expect, it } from 'vitest'
import { folderWildcardRuns, WILDCARD_MAX, WILDCARD_MIN, type WildcardRun } from './plan-wildcards'
import type { ListedObject } from './plan'

const FOLDER = 'data/spot/daily/aggTrades/BTCUSDT/'

/** A folder's zips and .CHECKSUMs, one pair per day from `start` for `days` days. */
function folder(start: string, days: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`)
  return Array.from({ length: days }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10)).flatMap((d) => [
    `${FOLDER}BTCUSDT-aggTrades-${d}.zip`,
    `${FOLDER}BTCUSDT-aggTrades-${d}.zip.CHECKSUM`,
  ])
}

const listing = (keys: string[]) => keys.map((key): ListedObject => ({ key, size: 1, etag: 'e' }))
/** The folder's runs: `tasks` of it planned, `listed` its listing, `missing` expected but not listed. */
const runsOf = (tasks: string[], listed: string[], missing: string[] = []) => folderWildcardRuns(FOLDER, listing(listed), tasks, missing)

/** What a user needs of every run: it matches only tasks, all of them counted, and never the folder's last key. */
function expectExact(runs: WildcardRun[], listed: string[], tasks: string[]): void {
  const mine = new Set(tasks)
  const last = [...listed].sort().at(-1)!
  for (const r of runs) {
    const matched = listed.filter((k) => k.startsWith(r.prefix))
    expect(matched.every((k) => mine.has(k)), r.prefix).toBe(true)
    expect(tasks.filter((k) => k.startsWith(r.prefix))).toHaveLength(r.count)
    expect(matched).toHaveLength(r.count)
    expect(r.count).toBeGreaterThanOrEqual(WILDCARD_MIN)
    expect(r.count).toBeLessThanOrEqual(WILDCARD_MAX)
    expect(last.startsWith(r.prefix)).toBe(false)
  }
  // Runs are disjoint: no task is in two.
  for (const k of tasks) expect(runs.filter((r) => k.startsWith(r.prefix)).length).toBeLessThanOrEqual(1)
}

describe('folderWildcardRuns', () => {
  it('a whole year of a folder: one run per month, the last month split so no run reaches the end', () => {
    const keys = folder('2023-01-01', 365)
    const runs = runsOf(keys, keys, [])
    expectExact(runs, keys, keys)
    expect(runs.map((r) => r.prefix.slice(FOLDER.length))).toEqual(
      expect.arrayContaining(['BTCUSDT-aggTrades-2023-01-', 'BTCUSDT-aggTrades-2023-11-', 'BTCUSDT-aggTrades-2023-12-2']),
    )
    expect(runs.some((r) => r.prefix.endsWith('2023-12-'))).toBe(false)
    // Nearly every object goes in a run: only the folder's last days are left to single lines.
    const covered = runs.reduce((n, r) => n + r.count, 0)
    expect(covered).toBeGreaterThan(keys.length - 20)
  })

  it('keys the selection left out break the runs they would fall in', () => {
    const keys = folder('2023-01-01', 120)
    // The selection ends on 2023-02-14 and leaves out every .CHECKSUM of March.
    const tasks = keys.filter((k) => k < `${FOLDER}BTCUSDT-aggTrades-2023-02-15` || (k.includes('-2023-03-') && !k.endsWith('.CHECKSUM')))
    const runs = runsOf(tasks, keys, [])
    expectExact(runs, keys, tasks)
    expect(runs.some((r) => r.prefix.endsWith('2023-01-'))).toBe(true)
    expect(runs.some((r) => r.prefix.includes('2023-03'))).toBe(false)
  })

  it('a day expected but not listed (it may be published during the job) breaks its run', () => {
    const all = folder('2023-01-01', 90)
    const gap = `${FOLDER}BTCUSDT-aggTrades-2023-01-17.zip`
    const listed = all.filter((k) => !k.startsWith(gap))
    const runs = runsOf(listed, listed, [gap])
    expectExact(runs, [...listed, gap], listed)
    expect(runs.some((r) => gap.startsWith(r.prefix))).toBe(false)
    expect(runs.some((r) => r.prefix.endsWith('2023-02-'))).toBe(true)
  })

  it('a subfolder or a glob character under a prefix keeps it out of any run', () => {
    const keys = folder('2023-01-01', 40)
    const nested = `${FOLDER}BTCUSDT-aggTrades-2023-01-0/extra.zip`
    const starred = keys.map((k) => k.replace('2023-02-0', '2023-02-*'))
    const runs = runsOf(keys, [...keys, nested], [])
    expectExact(runs, [...keys, nested], keys)
    expect(runs.some((r) => nested.startsWith(r.prefix))).toBe(false)
    const globbed = runsOf(starred, starred, [])
    expect(globbed.some((r) => r.prefix.includes('*'))).toBe(false)
    expect(globbed.some((r) => starred.some((k) => k.includes('*') && k.startsWith(r.prefix)))).toBe(false)
  })

  it('a folder with fewer tasks than a run needs has none, and tasks never listed make none', () => {
    const keys = folder('2023-01-01', 3)
    expect(runsOf(keys, keys, [])).toEqual([])
    expect(runsOf(folder('2023-01-01', 60), [])).toEqual([])
  })
})
