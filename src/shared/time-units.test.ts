import { describe, expect, it } from 'vitest'
import { columnUnit, formatUtc, timeUnitOf, toEpochMs } from './time-units'

describe('archive time units', () => {
  // The binance-public-data README's own sample rows: 2024 spot in ms, 2025 spot in µs.
  const msOpen = '1735603200000' // 2024-12-31 00:00 UTC
  const usOpen = '1735689600000000' // 2025-01-01 00:00 UTC
  const usClose = '1735693199999999'

  it('reads the unit from the digits of each value', () => {
    expect(timeUnitOf(msOpen)).toBe('ms')
    expect(timeUnitOf(usOpen)).toBe('us')
    expect(timeUnitOf('2025-05-19 11:07:31')).toBe('text')
    expect(timeUnitOf('42000.12')).toBeNull()
    expect(timeUnitOf('173568960000')).toBeNull()
  })

  it('shows ms and µs of the same kind of instant the same way', () => {
    expect(formatUtc(msOpen)).toBe('2024-12-31 00:00:00')
    expect(formatUtc(usOpen)).toBe('2025-01-01 00:00:00')
    expect(formatUtc('1735606799999')).toBe('2024-12-31 00:59:59.999')
    expect(formatUtc(usClose)).toBe('2025-01-01 00:59:59.999999')
    expect(formatUtc('1735689600123000')).toBe('2025-01-01 00:00:00.123')
    expect(formatUtc('2025-05-19 11:07:31')).toBe('2025-05-19 11:07:31')
    expect(formatUtc('True')).toBeNull()
  })

  it('converts both units to the same epoch milliseconds', () => {
    expect(toEpochMs(usOpen)).toBe(Date.UTC(2025, 0, 1))
    expect(toEpochMs('1735689600000')).toBe(Date.UTC(2025, 0, 1))
    expect(toEpochMs('2025-01-01 00:00:00')).toBe(Date.UTC(2025, 0, 1))
  })

  it('names a column mixed when its values differ in unit', () => {
    expect(columnUnit([usOpen, usClose])).toBe('us')
    expect(columnUnit([msOpen, usOpen])).toBe('mixed')
    expect(columnUnit(['abc'])).toBeNull()
  })
})
