import { describe, expect, it } from 'vitest'
import { daysInRange } from './dates'
import { monthBounds, periodsByKind, periodsFor, type Period } from './periods'

const AUTO = ['daily', 'monthly'] as const
const daily = (start: string, end: string): Period[] => daysInRange(start, end).map((period) => ({ frequency: 'daily', period }))
const monthly = (period: string): Period => ({ frequency: 'monthly', period })
/** auto plans a whole closed month's monthly file with its daily files as the stand-in. */
const autoMonth = (period: string): Period => ({ frequency: 'monthly', period, fallback: daysInRange(monthBounds(period).first, monthBounds(period).last) })

describe('periodsFor — one frequency', () => {
  it('daily lists every day', () => {
    expect(periodsFor('2024-01-30', '2024-02-02', ['daily'], '2024-06-01')).toEqual(daily('2024-01-30', '2024-02-02'))
  })

  it('daily ignores month closure: a whole month is still daily files', () => {
    expect(periodsFor('2024-02-01', '2024-02-29', ['daily'], '2024-06-01')).toHaveLength(29)
  })

  it('monthly lists every overlapping month, even partial ones', () => {
    expect(periodsFor('2024-01-15', '2024-03-10', ['monthly'], '2024-06-01')).toEqual([monthly('2024-01'), monthly('2024-02'), monthly('2024-03')])
  })

  it('empty for a reversed range', () => {
    expect(periodsFor('2024-03-10', '2024-03-01', ['daily'], '2024-06-01')).toEqual([])
    expect(periodsFor('2024-03-10', '2024-03-01', AUTO, '2024-06-01')).toEqual([])
  })
})

describe('periodsFor — auto: whole closed months monthly, the rest daily', () => {
  it('a partial month on each side of a whole one', () => {
    expect(periodsFor('2024-01-15', '2024-03-10', AUTO, '2024-06-01')).toEqual([...daily('2024-01-15', '2024-01-31'), autoMonth('2024-02'), ...daily('2024-03-01', '2024-03-10')])
  })

  it('does not depend on the order the frequencies are given in', () => {
    expect(periodsFor('2024-01-15', '2024-03-10', ['monthly', 'daily'], '2024-06-01')).toEqual(periodsFor('2024-01-15', '2024-03-10', AUTO, '2024-06-01'))
  })

  it('across a year boundary', () => {
    expect(periodsFor('2023-11-20', '2024-02-05', AUTO, '2024-06-01')).toEqual([
      ...daily('2023-11-20', '2023-11-30'),
      autoMonth('2023-12'),
      autoMonth('2024-01'),
      ...daily('2024-02-01', '2024-02-05'),
    ])
  })

  it('whole months only → only monthly files', () => {
    expect(periodsFor('2023-01-01', '2023-12-31', AUTO, '2024-06-01')).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => autoMonth(`2023-${m}`)),
    )
  })

  it('a range inside one month is daily', () => {
    expect(periodsFor('2024-03-02', '2024-03-30', AUTO, '2024-06-01')).toEqual(daily('2024-03-02', '2024-03-30'))
  })

  it('missing only the first or only the last day of a month → daily', () => {
    expect(periodsFor('2024-03-02', '2024-03-31', AUTO, '2024-06-01')).toHaveLength(30)
    expect(periodsFor('2024-03-01', '2024-03-30', AUTO, '2024-06-01')).toHaveLength(30)
    expect(periodsFor('2024-03-01', '2024-03-31', AUTO, '2024-06-01')).toEqual([autoMonth('2024-03')])
  })

  it('leap year: February ends on the 29th', () => {
    expect(periodsFor('2024-02-01', '2024-02-29', AUTO, '2024-06-01')).toEqual([autoMonth('2024-02')])
    // 28 days of a 29-day February is not the whole month
    expect(periodsFor('2024-02-01', '2024-02-28', AUTO, '2024-06-01')).toEqual(daily('2024-02-01', '2024-02-28'))
  })

  it('non-leap year: February ends on the 28th', () => {
    expect(periodsFor('2023-02-01', '2023-02-28', AUTO, '2023-06-01')).toEqual([autoMonth('2023-02')])
  })

  it('the current month is never monthly', () => {
    // Today is inside the month: even a range covering the whole month plans daily files.
    expect(periodsFor('2024-06-01', '2024-06-30', AUTO, '2024-06-15')).toEqual(daily('2024-06-01', '2024-06-30'))
    // On the month's last day it is still open.
    expect(periodsFor('2024-05-01', '2024-05-31', AUTO, '2024-05-31')).toEqual(daily('2024-05-01', '2024-05-31'))
    // The day after, it is closed.
    expect(periodsFor('2024-05-01', '2024-05-31', AUTO, '2024-06-01')).toEqual([autoMonth('2024-05')])
  })

  it('last closed month monthly, the running one daily', () => {
    expect(periodsFor('2024-04-01', '2024-05-10', AUTO, '2024-05-11')).toEqual([autoMonth('2024-04'), ...daily('2024-05-01', '2024-05-10')])
  })

  it('covers every day of the range exactly once', () => {
    const start = '2023-10-17'
    const end = '2024-03-09'
    const out = periodsFor(start, end, AUTO, '2024-03-20')
    // Every day of a month: the longest of the four possible month lengths that parses.
    const monthDays = (m: string) => ['31', '30', '29', '28'].map((d) => daysInRange(`${m}-01`, `${m}-${d}`)).find((l) => l.length > 0)!
    const covered = out.flatMap((p) => (p.frequency === 'daily' ? [p.period] : monthDays(p.period)))
    expect(covered).toEqual(daysInRange(start, end))
  })
})

describe('periodsFor — ended intervals', () => {
  it('drops the days and months after a tree stopped holding the interval', () => {
    const p = periodsFor('2023-12-30', '2024-03-31', AUTO, '2024-06-01', { daily: '2023-12-31', monthly: '2024-02-29' })
    expect(p.map((x) => x.period)).toEqual(['2023-12-30', '2023-12-31', '2024-01', '2024-02'])
    // The stand-ins for 2024-01 stop where the daily tree stopped: none.
    expect(p.find((x) => x.period === '2024-01')?.fallback).toEqual([])
  })

  it('a part month after the daily tree ended comes from its monthly file', () => {
    const p = periodsFor('2024-01-01', '2024-02-10', AUTO, '2024-06-01', { daily: '2023-12-31', monthly: '2024-02-29' })
    expect(p).toEqual([
      { frequency: 'monthly', period: '2024-01', fallback: [] },
      { frequency: 'monthly', period: '2024-02', fallback: [] },
    ])
  })
})

describe('periodsByKind', () => {
  it('is periodsFor grouped by frequency, with each key tail and the stand-ins', () => {
    const of = periodsByKind('2024-01-30', '2024-03-02', '2024-06-01')
    const { auto, byFrequency } = of(AUTO, {})
    const periods = periodsFor('2024-01-30', '2024-03-02', AUTO, '2024-06-01')
    expect(auto).toBe(true)
    for (const f of AUTO) {
      const mine = periods.filter((p) => p.frequency === f)
      expect(byFrequency[f].map((p) => p.period)).toEqual(mine.map((p) => p.period))
      expect(byFrequency[f].map((p) => p.tail)).toEqual(mine.map((p) => `${p.period}.zip`))
      expect(byFrequency[f].map((p) => p.fallbackTails)).toEqual(mine.map((p) => (p.fallback ?? []).map((d) => `${d}.zip`)))
    }
  })

  it('answers each (frequencies, end dates) once, and each separately', () => {
    const of = periodsByKind('2023-12-01', '2024-03-31', '2024-06-01')
    expect(of(AUTO, {})).toBe(of(AUTO, {}))
    const ended = of(AUTO, { daily: '2023-12-31', monthly: '2024-02-29' })
    expect(ended).not.toBe(of(AUTO, {}))
    expect(ended.byFrequency.monthly.map((p) => p.period)).toEqual(periodsFor('2023-12-01', '2024-03-31', AUTO, '2024-06-01', { daily: '2023-12-31', monthly: '2024-02-29' }).filter((p) => p.frequency === 'monthly').map((p) => p.period))
    expect(of(['daily'], {}).auto).toBe(false)
  })
})
