import { describe, expect, it } from 'vitest'
import { presetRange } from './date-presets'

const at = (iso: string) => new Date(iso)

describe('presetRange', () => {
  it('last 7 days ends yesterday (UTC), whatever the local hour', () => {
    expect(presetRange('last-7-days', at('2025-03-10T23:59:00Z'))).toEqual({ start: '2025-03-03', end: '2025-03-09' })
    expect(presetRange('last-7-days', at('2025-03-10T00:00:01Z'))).toEqual({ start: '2025-03-03', end: '2025-03-09' })
  })
  it('last month is the previous calendar month, across a year end and in a leap year', () => {
    expect(presetRange('last-month', at('2025-01-15T12:00:00Z'))).toEqual({ start: '2024-12-01', end: '2024-12-31' })
    expect(presetRange('last-month', at('2024-03-01T12:00:00Z'))).toEqual({ start: '2024-02-01', end: '2024-02-29' })
  })
  it('year to date starts on 1 January; on 1 January it takes last year', () => {
    expect(presetRange('year-to-date', at('2025-03-10T08:00:00Z'))).toEqual({ start: '2025-01-01', end: '2025-03-09' })
    expect(presetRange('year-to-date', at('2025-01-01T08:00:00Z'))).toEqual({ start: '2024-01-01', end: '2024-12-31' })
  })
})
