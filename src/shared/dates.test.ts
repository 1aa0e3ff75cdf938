import { describe, expect, it } from 'vitest'
import { addDays, daysInRange, formatDay, formatMonth, monthsInRange, parseDay, today } from './dates'

describe('parseDay', () => {
  it('parses YYYY-MM-DD as midnight UTC', () => {
    expect(parseDay('2024-03-01')?.toISOString()).toBe('2024-03-01T00:00:00.000Z')
    expect(parseDay('1999-12-31')?.getTime()).toBe(Date.UTC(1999, 11, 31))
  })

  it('accepts 29 February only in leap years', () => {
    expect(parseDay('2024-02-29')).toBeDefined()
    expect(parseDay('2000-02-29')).toBeDefined()
    expect(parseDay('2023-02-29')).toBeUndefined()
    expect(parseDay('1900-02-29')).toBeUndefined()
  })

  it.each(['2024-13-01', '2024-00-10', '2024-02-30', '2024-04-31', '2024-01-32', '2024-1-01', '24-01-01', '2024/01/01', ' 2024-01-01', '2024-01-01 ', '2024-01-01T00:00:00Z', '', 'yesterday'])(
    'rejects %j',
    (s) => {
      expect(parseDay(s)).toBeUndefined()
    },
  )
})

describe('formatting', () => {
  it('formatDay / formatMonth use UTC', () => {
    const d = new Date(Date.UTC(2024, 0, 31, 23, 59, 59))
    expect(formatDay(d)).toBe('2024-01-31')
    expect(formatMonth(d)).toBe('2024-01')
  })

  it('today() uses the injected clock in UTC', () => {
    expect(today(new Date('2024-06-15T23:30:00-05:00'))).toBe('2024-06-16')
    expect(today(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01')
  })
})

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(formatDay(addDays(parseDay('2024-01-31')!, 1))).toBe('2024-02-01')
    expect(formatDay(addDays(parseDay('2023-12-31')!, 1))).toBe('2024-01-01')
    expect(formatDay(addDays(parseDay('2024-02-28')!, 1))).toBe('2024-02-29')
    expect(formatDay(addDays(parseDay('2023-02-28')!, 1))).toBe('2023-03-01')
    expect(formatDay(addDays(parseDay('2024-03-01')!, -1))).toBe('2024-02-29')
    expect(formatDay(addDays(parseDay('2024-01-01')!, 366))).toBe('2025-01-01')
  })
})

describe('daysInRange', () => {
  it('is inclusive on both ends', () => {
    expect(daysInRange('2024-03-01', '2024-03-03')).toEqual(['2024-03-01', '2024-03-02', '2024-03-03'])
    expect(daysInRange('2024-03-01', '2024-03-01')).toEqual(['2024-03-01'])
  })

  it('crosses the leap day and the year', () => {
    expect(daysInRange('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'])
    expect(daysInRange('2023-02-27', '2023-03-01')).toEqual(['2023-02-27', '2023-02-28', '2023-03-01'])
    expect(daysInRange('2023-12-30', '2024-01-02')).toEqual(['2023-12-30', '2023-12-31', '2024-01-01', '2024-01-02'])
  })

  it('counts whole years', () => {
    expect(daysInRange('2024-01-01', '2024-12-31')).toHaveLength(366)
    expect(daysInRange('2023-01-01', '2023-12-31')).toHaveLength(365)
  })

  // The calendar walk against what it replaced: a Date and toISOString per day.
  const byDates = (start: string, end: string): string[] => {
    const out: string[] = []
    for (let d = parseDay(start)!; d <= parseDay(end)!; d = addDays(d, 1)) out.push(formatDay(d))
    return out
  }

  it('matches a Date per day across two centuries (1900 and 2100 not leap, 2000 leap)', () => {
    const walked = daysInRange('1899-12-25', '2100-03-05')
    expect(walked).toEqual(byDates('1899-12-25', '2100-03-05'))
    expect(walked).toHaveLength(73_120)
    expect(walked).toContain('2000-02-29')
    expect(walked).not.toContain('1900-02-29')
    expect(walked).not.toContain('2100-02-29')
  })

  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2024-02-28', '2024-03-01'],
    ['2023-12-31', '2024-01-01'],
    ['2021-01-01', '2023-09-27'],
    ['0999-12-30', '1000-01-02'],
    ['9999-12-30', '9999-12-31'],
  ])('matches a Date per day from %s to %s', (start, end) => {
    expect(daysInRange(start, end)).toEqual(byDates(start, end))
  })

  it('is empty for a reversed or malformed range', () => {
    expect(daysInRange('2024-03-02', '2024-03-01')).toEqual([])
    expect(daysInRange('2024-01-01', '2023-12-31')).toEqual([])
    expect(daysInRange('2024-02-30', '2024-03-01')).toEqual([])
    expect(daysInRange('2024-03-01', 'x')).toEqual([])
  })
})

describe('monthsInRange', () => {
  it('lists every month that overlaps the range', () => {
    expect(monthsInRange('2024-01-31', '2024-03-01')).toEqual(['2024-01', '2024-02', '2024-03'])
    expect(monthsInRange('2024-03-05', '2024-03-06')).toEqual(['2024-03'])
  })

  it('crosses years, zero-padded', () => {
    expect(monthsInRange('2023-11-15', '2024-02-01')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02'])
    expect(monthsInRange('2022-01-01', '2024-12-31')).toHaveLength(36)
  })

  it('is empty for a reversed or malformed range', () => {
    expect(monthsInRange('2024-04-01', '2024-03-31')).toEqual([])
    expect(monthsInRange('2024-13-01', '2024-03-31')).toEqual([])
  })
})
