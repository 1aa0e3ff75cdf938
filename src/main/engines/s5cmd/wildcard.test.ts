import { describe, expect, it } from 'vitest'
import type { CopyTask } from '../types'
import { unitsText, wildcardLine } from './batch'
import { parseLine } from './parse'
import { reconcile } from './reconcile'
import { recorded } from './recorded.fixture'
import { foldUnits, packUnits, type SourceListing } from './wildcard'

const line = { sourceBucket: 'src', destinationBucket: 'dst', version: 'v2.2.2-48f7e59' }
const days = (sym: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => `data/d/${sym}/${sym}-2023-01-${String(from + i).padStart(2, '0')}.zip`)
const withSums = (keys: string[]) => keys.flatMap((k) => [k, `${k}.CHECKSUM`])
const tasksOf = (keys: string[], dest = (k: string) => `lake/${k}`): CopyTask[] => keys.map((k, id) => ({ id, sourceKey: k, destKey: dest(k), size: 10 + id }))
const listingOf = (folders: Record<string, string[]>, listedAt = Date.now()): SourceListing => ({ listedAt, folders: new Map(Object.entries(folders)) })

/** Every task in exactly one unit, and each wildcard unit holds exactly the listed keys under its prefix. */
function exact(units: ReturnType<typeof foldUnits>, tasks: CopyTask[], listing: SourceListing): void {
  const ids = units.flatMap((u) => u.tasks.map((t) => t.id))
  expect([...ids].sort((a, b) => a - b)).toEqual(tasks.map((t) => t.id))
  for (const u of units) {
    if (u.kind !== 'wildcard') continue
    const under = [...listing.folders.values()].flat().filter((k) => k.startsWith(u.prefix))
    expect(new Set(u.tasks.map((t) => t.sourceKey))).toEqual(new Set(under))
    for (const t of u.tasks) expect(t.destKey).toBe(u.destDir + t.sourceKey.slice(u.prefix.lastIndexOf('/') + 1))
  }
}

describe('foldUnits: wildcard lines only where the listing proves the prefix', () => {
  it('a folder copied whole is one wildcard line per batch-sized prefix', () => {
    const keys = withSums(days('BTC', 31))
    const tasks = tasksOf(keys)
    const listing = listingOf({ 'data/d/BTC/': keys })
    const whole = foldUnits(tasks, listing, 100)
    expect(whole).toEqual([{ kind: 'wildcard', prefix: 'data/d/BTC/BTC-2023-01-', destDir: 'lake/data/d/BTC/', tasks }])
    // 62 objects, batches of at most 20: split on the next character, never above the limit.
    const split = foldUnits(tasks, listing, 20)
    exact(split, tasks, listing)
    expect(split.every((u) => u.tasks.length <= 20)).toBe(true)
    expect(split.map((u) => (u.kind === 'wildcard' ? u.prefix : u.tasks[0].sourceKey))).toEqual([
      'data/d/BTC/BTC-2023-01-0', // days 01-09: 18 objects
      'data/d/BTC/BTC-2023-01-1',
      'data/d/BTC/BTC-2023-01-2',
      // 30 and 31: 4 objects, fewer than a wildcard is worth.
      ...withSums(days('BTC', 2, 30)),
    ])
  })

  it('objects the plan leaves out (checksums off, days out of range) are never under a wildcard', () => {
    const all = withSums(days('ETH', 31))
    const listing = listingOf({ 'data/d/ETH/': all })
    const zipsOnly = tasksOf(all.filter((k) => k.endsWith('.zip')))
    const u1 = foldUnits(zipsOnly, listing, 100)
    exact(u1, zipsOnly, listing)
    expect(u1.every((u) => u.kind === 'key')).toBe(true)
    // Days 10-19 and 20-29 are whole decades; 05-09 and 30 share prefixes with days not planned.
    const range = tasksOf(all.filter((k) => /-(0[5-9]|[12]\d|30)\.zip/.test(k)))
    const u2 = foldUnits(range, listing, 100)
    exact(u2, range, listing)
    expect(u2.filter((u) => u.kind === 'wildcard').map((u) => u.kind === 'wildcard' && u.prefix)).toEqual(['data/d/ETH/ETH-2023-01-1', 'data/d/ETH/ETH-2023-01-2'])
    expect(u2.filter((u) => u.kind === 'key')).toHaveLength(range.length - 40)
  })

  it('per key when the destination does not mirror the source, a key is not plain, or there is no listing', () => {
    const keys = withSums(days('BNB', 5))
    const listing = listingOf({ 'data/d/BNB/': keys })
    expect(foldUnits(tasksOf(keys, (k) => `hive/x=${k.length}/${k.split('/').at(-1)}`), listing, 100).every((u) => u.kind === 'key')).toBe(true)
    const odd = ['data/o/a b.zip', 'data/o/a*.zip', 'data/o/a1.zip']
    expect(foldUnits(tasksOf(odd), listingOf({ 'data/o/': odd }), 100).every((u) => u.kind === 'key')).toBe(true)
    expect(foldUnits(tasksOf(keys), undefined, 100).every((u) => u.kind === 'key')).toBe(true)
    // A task the listing never saw stays per key; the rest of the folder still folds.
    const extra = tasksOf([...keys, 'data/d/BNB/BNB-2024-01-01.zip'])
    const u = foldUnits(extra, listing, 100)
    exact(u, extra, listing)
    expect(u.map((x) => x.kind)).toEqual(['wildcard', 'key'])
  })

  it('packs units into batches of at most batch_size objects, in task order', () => {
    const keys = [...withSums(days('A', 9)), ...withSums(days('B', 9)), 'data/x/lone.zip']
    const tasks = tasksOf(keys)
    const units = foldUnits(tasks, listingOf({ 'data/d/A/': withSums(days('A', 9)), 'data/d/B/': withSums(days('B', 9)) }), 20)
    const batches = packUnits(units, 20)
    // A's wildcard, then B's first day as key lines to fill the batch; B's rest cannot be one
    // wildcard any more (its prefix would cover that day again): key lines.
    expect(batches.map((b) => b.map((u) => u.kind))).toEqual([['wildcard', 'key', 'key'], Array(17).fill('key')])
    expect(batches.flat().flatMap((u) => u.tasks.map((t) => t.id))).toEqual(tasks.map((t) => t.id))
    exact(batches.flat(), tasks, listingOf({ 'data/d/A/': withSums(days('A', 9)), 'data/d/B/': withSums(days('B', 9)) }))
  })

  it('fills a batch with a wildcard unit\'s first keys; the rest folds again, every part still exact', () => {
    const a = withSums(days('A', 31))
    const b = withSums(days('B', 28).map((k) => k.replace('-01-', '-02-')))
    const tasks = tasksOf([...a, ...b])
    const listing = listingOf({ 'data/d/A/': a, 'data/d/B/': b })
    const batches = packUnits(foldUnits(tasks, listing, 100), 100)
    expect(batches.map((x) => x.reduce((n, u) => n + u.tasks.length, 0))).toEqual([100, 18])
    exact(batches.flat(), tasks, listing)
    expect(new Set(batches.flat().flatMap((u) => u.tasks.map((t) => t.id)))).toEqual(new Set(tasks.map((t) => t.id)))
    // A whole, B's days 01-19 as key lines (copying while A lists), then B's 20-28 as one line.
    expect(batches[0]!.map((u) => u.kind)).toEqual(['wildcard', ...Array(38).fill('key')])
    expect(batches[1]).toEqual([{ kind: 'wildcard', prefix: 'data/d/B/B-2023-02-2', destDir: 'lake/data/d/B/', tasks: tasks.slice(62 + 38) }])
  })
})

describe('wildcard lines and their per-object results', () => {
  it('writes the pattern without --raw and the destination as a prefix; per key when not fresh', () => {
    const tasks = tasksOf(['data/a/f1.bin', 'data/a/f2.bin'])
    const units = [{ kind: 'wildcard' as const, prefix: 'data/a/f', destDir: 'x/a/', tasks }]
    expect(wildcardLine('data/a/f', 'x/a/', line)).toBe("cp 's3://src/data/a/f*' 's3://dst/x/a/'")
    expect(unitsText(units, line, true)).toBe("cp 's3://src/data/a/f*' 's3://dst/x/a/'\n")
    expect(unitsText(units, line, false)).toBe("cp --raw=true 's3://src/data/a/f1.bin' 's3://dst/lake/data/a/f1.bin'\ncp --raw=true 's3://src/data/a/f2.bin' 's3://dst/lake/data/a/f2.bin'\n")
    expect(() => wildcardLine('data/a*', 'x/', line)).toThrow(/no wildcard line/)
  })

  it('recorded wildcard output settles every task from its own line; a line naming no task fails what it covered', () => {
    const a = ['data/a/f1.bin', 'data/a/f2.bin', 'data/a/sub/f3.bin']
    const tasks: CopyTask[] = [
      ...a.map((k, id) => ({ id, sourceKey: k, destKey: `x/a/${k.slice('data/a/'.length)}`, size: 10 })),
      { id: 3, sourceKey: 'data/none/n1.bin', destKey: 'x/none/n1.bin', size: 5 },
    ]
    const lines = [...recorded.wildcard.stdout, ...recorded.wildcard.stderr.slice(0, 1)]
    const r = reconcile(tasks, lines.map((l) => parseLine(l)!), { exitCode: 1 }, line)
    expect(r.results.map((x) => x.outcome)).toEqual(['synced', 'synced', 'synced', 'failed'])
    expect(r.results.slice(0, 3).map((x) => x.bytes)).toEqual([10, 10, 10])
    expect(r.results[3]).toMatchObject({ bytes: 0, reason: expect.stringContaining('no object found') })
  })

  it('a per-object failure inside a wildcard names its object', () => {
    const tasks: CopyTask[] = [{ id: 0, sourceKey: 'data/b/g1.bin', destKey: 'x/b/g1.bin', size: 10 }]
    const r = reconcile(tasks, [parseLine(recorded.wildcard.stderr[1])!], { exitCode: 1 }, { sourceBucket: 'src', destinationBucket: 'nobucket' })
    expect(r.results[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^NoSuchBucket/) })
    expect(r.anomalies).toEqual([])
  })
})
