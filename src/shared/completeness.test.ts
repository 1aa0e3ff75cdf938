import { describe, expect, it } from 'vitest'
import { completenessChecker } from './completeness'

const feed = (key: string, lines: string[]) => {
  const c = completenessChecker(key)!
  for (const l of lines) c.line(l)
  return c.finish()
}
const H = 3_600_000
const D0 = Date.UTC(2024, 2, 1)
const bar = (t: number) => `${t},1,1,1,1,1,${t + H - 1},1,1,1,1,0`

describe('completeness checker (pure)', () => {
  const key = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip'
  const day = Array.from({ length: 24 }, (_, i) => bar(D0 + i * H))

  it('a whole day of 1h bars is complete', () => {
    expect(feed(key, day)).toMatchObject({ rows: 24, gaps: [], outOfOrder: 0 })
  })

  it('a missing bar inside a daily file is a gap no finer file covers', () => {
    const r = feed(key, day.filter((_, i) => i !== 5))
    expect(r.gaps).toEqual([{ from: '2024-03-01T05:00:00.000Z', to: '2024-03-01T06:00:00.000Z', fillKeys: [] }])
  })

  it('rows out of order and duplicates are counted', () => {
    const r = feed(key, [day[0], day[2], day[1], day[2], ...day.slice(3)])
    expect(r.outOfOrder).toBe(2)
  })

  it('an empty file is one gap over the whole period', () => {
    expect(feed(key, ['open_time,open'])).toMatchObject({ rows: 0, gaps: [{ from: '2024-03-01T00:00:00.000Z', to: '2024-03-02T00:00:00.000Z' }] })
  })

  it('a file whose units change from ms to µs is read per value', () => {
    const r = feed(key, day.map((l, i) => (i % 2 ? l.replace(/^(\d+)/, (t) => `${t}000`) : l)))
    expect(r).toMatchObject({ gaps: [], outOfOrder: 0 })
    expect(r.units.sort()).toEqual(['ms', 'us'])
  })
})
