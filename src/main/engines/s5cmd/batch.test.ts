import { describe, expect, it } from 'vitest'
import type { CopyTask } from '../types'
import { batchText, batchUnits, cpLine, shellQuote } from './batch'

const task = (id: number, sourceKey: string, destKey = `x/${sourceKey}`, size = 10): CopyTask => ({ id, sourceKey, destKey, size })
const opts = { sourceBucket: 'src', destinationBucket: 'dst', version: 'v2.2.2-48f7e59' }

/** A POSIX-shell-style splitter (what go-shellquote does for single quotes and backslashes). */
function posixSplit(line: string): string[] {
  const out: string[] = []
  let cur: string | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) throw new Error('unterminated quote')
      cur = (cur ?? '') + line.slice(i + 1, end)
      i = end
    } else if (c === '\\') cur = (cur ?? '') + line[++i]
    else if (c === ' ') {
      if (cur !== null) out.push(cur)
      cur = null
    } else cur = (cur ?? '') + c
  }
  if (cur !== null) out.push(cur)
  return out
}

describe('shellQuote', () => {
  it.each(["it's", "''", 'a b', '*?[x]', '$(rm -rf /)', '`x`', 'back\\slash', 'plain'])('round-trips %s through POSIX splitting', (s) => {
    expect(posixSplit(shellQuote(s))).toEqual([s])
  })

  it("turns ' into '\\''", () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'")
  })
})

describe('cpLine', () => {
  it('2.2.2: --raw=true, no --metadata-directive (the flag arrived in 2.3.0)', () => {
    expect(cpLine(task(1, 'data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip'), opts)).toBe(
      "cp --raw=true 's3://src/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip' 's3://dst/x/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip'",
    )
  })

  it('2.3.0+: --metadata-directive COPY; --source-region when given', () => {
    expect(cpLine(task(1, 'k'), { ...opts, version: 'v2.3.0-991c9fb', sourceRegion: 'ap-northeast-1' })).toBe(
      "cp --raw=true --source-region 'ap-northeast-1' --metadata-directive COPY 's3://src/k' 's3://dst/x/k'",
    )
  })

  it('keys with glob characters and quotes survive s5cmd-style splitting intact', () => {
    for (const key of ['a/*?[x].zip', "it's.zip", 'a b.zip']) {
      const fields = posixSplit(cpLine(task(1, key), opts))
      expect(fields).toEqual(['cp', '--raw=true', `s3://src/${key}`, `s3://dst/x/${key}`])
    }
  })
})

describe('batchText', () => {
  it('one line per task, line i = task i, no blank or comment lines', () => {
    const text = batchText([task(1, 'a'), task(2, 'b')], opts)
    expect(text.split('\n')).toEqual(["cp --raw=true 's3://src/a' 's3://dst/x/a'", "cp --raw=true 's3://src/b' 's3://dst/x/b'", ''])
  })

  it('refuses a key that cannot be carried rather than write a dangerous line', () => {
    expect(() => batchText([task(1, 'a\nrun evil')], opts)).toThrow(/cannot go to s5cmd/)
  })
})

describe('batchUnits: wildcard runs', () => {
  const folder = 'data/spot/daily/trades/BTCUSDT/'
  const keys = Array.from({ length: 12 }, (_, i) => `${folder}BTCUSDT-trades-2024-01-${String(i + 1).padStart(2, '0')}.zip`)
  const all = keys.map((k, i) => task(i, k, `lake/${k}`))
  const run = { prefix: `${folder}BTCUSDT-trades-2024-01-`, count: 12 }

  it('a run sent whole is one unquoted-glob line in its first task\'s place, without --raw', () => {
    const units = batchUnits([task(99, 'other/x.zip'), ...all], opts, [run])
    expect(units.map((u) => u.tasks.length)).toEqual([1, 12])
    const fields = posixSplit(units[1]!.text.trimEnd())
    expect(fields).toEqual(['cp', `s3://src/${run.prefix}*`, `s3://dst/lake/${folder}`])
    expect(units[1]!.wildcard).toEqual({ source: `s3://src/${run.prefix}*`, destination: `s3://dst/lake/${folder}` })
  })

  it('a run with a task missing (done in an earlier session) goes one line per task', () => {
    const units = batchUnits(all.slice(1), opts, [run])
    expect(units).toHaveLength(11)
    expect(units.every((u) => !u.wildcard && u.text.startsWith('cp --raw=true '))).toBe(true)
  })

  it('tasks that would not land as <folder>/<name> (a renaming layout) or a download go one line per task', () => {
    const renamed = all.map((t, i) => ({ ...t, destKey: i === 3 ? `lake/2024/01/04/${t.sourceKey.split('/').at(-1)}` : t.destKey }))
    expect(batchUnits(renamed, opts, [run]).some((u) => u.wildcard)).toBe(false)
    expect(batchUnits(all, { ...opts, localRoot: '/tmp/out' }, [run]).some((u) => u.wildcard)).toBe(false)
  })

  it('exported batches stay one line per task', () => {
    expect(batchText(all, opts).split('\n').filter(Boolean)).toHaveLength(12)
  })
})

describe('batchUnits: the first lines', () => {
  it('runs holding any of the first `leading` tasks go one line per task, so the first copies wait for no listing', () => {
    const folder = 'f/'
    const a = Array.from({ length: 10 }, (_, i) => task(i, `${folder}a-${i}.zip`, `lake/${folder}a-${i}.zip`))
    const b = Array.from({ length: 10 }, (_, i) => task(10 + i, `${folder}b-${i}.zip`, `lake/${folder}b-${i}.zip`))
    const runs = [{ prefix: `${folder}a-`, count: 10 }, { prefix: `${folder}b-`, count: 10 }]
    const units = batchUnits([...a, ...b], opts, runs, 4)
    expect(units.map((u) => (u.wildcard ? `*${u.tasks.length}` : '1')).join(' ')).toBe(`${'1 '.repeat(10)}*10`)
  })
})
