import { describe, expect, it } from 'vitest'
import {
  formatByteRate,
  formatBytes,
  formatCount,
  formatDuration,
  formatEta,
  formatObjectRate,
  formatUsd,
  progressPercent,
} from './format'

describe('formatBytes', () => {
  it('keeps small sizes in bytes', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
  })
  it('scales to binary units with three significant digits', () => {
    expect(formatBytes(1536)).toBe('1.50 KiB')
    expect(formatBytes(15 * 1024 * 1024)).toBe('15.0 MiB')
    expect(formatBytes(512 * 1024 ** 3)).toBe('512 GiB')
  })
  it('steps up instead of printing 1024 of a unit', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.00 MiB')
  })
  it('prints a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('—')
    expect(formatBytes(Number.NaN)).toBe('—')
  })
})

describe('rates', () => {
  it('formats byte and object rates', () => {
    expect(formatByteRate(2048)).toBe('2.00 KiB/s')
    expect(formatObjectRate(3.25)).toBe('3.3 obj/s')
    expect(formatObjectRate(250)).toBe('250 obj/s')
    expect(formatObjectRate(Number.POSITIVE_INFINITY)).toBe('—')
  })
})

describe('formatUsd', () => {
  it('keeps the fractions of a cent that request prices come in', () => {
    expect(formatUsd(0.0025)).toBe('$0.0025')
    expect(formatUsd(12)).toBe('$12.0000')
    expect(formatUsd(Number.NaN)).toBe('—')
  })
})

describe('formatCount', () => {
  it('groups thousands independent of locale', () => {
    expect(formatCount(100000)).toBe('100,000')
  })
})

describe('formatDuration', () => {
  it('shows tenths under ten seconds', () => {
    expect(formatDuration(3.24)).toBe('3.2 s')
  })
  it('uses minutes and hours beyond', () => {
    expect(formatDuration(42)).toBe('42 s')
    expect(formatDuration(245)).toBe('4 m 05 s')
    expect(formatDuration(7380)).toBe('2 h 03 m')
  })
})

describe('formatEta', () => {
  it('distinguishes no rate from nothing left', () => {
    expect(formatEta(null)).toBe('estimating…')
    expect(formatEta(0)).toBe('finishing')
    expect(formatEta(125)).toBe('about 2 m 05 s')
    expect(formatEta(0.2)).toBe('about 1.0 s')
  })
})

describe('progressPercent', () => {
  it('clamps and treats an empty job as complete', () => {
    expect(progressPercent(5, 10)).toBe(50)
    expect(progressPercent(12, 10)).toBe(100)
    expect(progressPercent(0, 0)).toBe(100)
  })
})
