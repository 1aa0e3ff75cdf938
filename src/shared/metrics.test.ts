import { describe, expect, it } from 'vitest'
import { etaSeconds, ewma, ewmaAlpha, percent } from './metrics'

describe('ewmaAlpha', () => {
  it('is one half after one half-life, three quarters after two', () => {
    expect(ewmaAlpha(5, 5)).toBeCloseTo(0.5, 12)
    expect(ewmaAlpha(10, 5)).toBeCloseTo(0.75, 12)
    expect(ewmaAlpha(1, 1)).toBeCloseTo(0.5, 12)
  })

  it('is 0 for no elapsed time, and stays below 1', () => {
    expect(ewmaAlpha(0, 5)).toBe(0)
    expect(ewmaAlpha(-1, 5)).toBe(0)
    expect(ewmaAlpha(1000, 5)).toBeLessThanOrEqual(1)
    expect(ewmaAlpha(1, 5)).toBeGreaterThan(0)
  })
})

describe('ewma', () => {
  it('the first sample seeds the average', () => {
    expect(ewma(undefined, 123, 1)).toBe(123)
  })

  it('moves halfway to the sample after one half-life', () => {
    expect(ewma(0, 100, 5, 5)).toBeCloseTo(50, 10)
    expect(ewma(200, 100, 5, 5)).toBeCloseTo(150, 10)
  })

  it('does not depend on tick spacing: one 1 s tick = two 0.5 s ticks = ten 0.1 s ticks at a constant rate', () => {
    const one = ewma(0, 100, 1)
    let two = 0
    for (let i = 0; i < 2; i++) two = ewma(two, 100, 0.5)
    let ten = 0
    for (let i = 0; i < 10; i++) ten = ewma(ten, 100, 0.1)
    expect(two).toBeCloseTo(one, 10)
    expect(ten).toBeCloseTo(one, 10)
    expect(one).toBeCloseTo(100 * (1 - 2 ** (-1 / 5)), 10)
  })

  it('uneven spacing over the same span lands at the same value', () => {
    let a = 10
    for (const dt of [0.2, 1.3, 0.5]) a = ewma(a, 40, dt, 3)
    expect(a).toBeCloseTo(ewma(10, 40, 2, 3), 10)
  })

  it('a zero-length sample changes nothing', () => {
    expect(ewma(42, 1000, 0)).toBe(42)
  })

  it('converges on a steady rate', () => {
    let r = ewma(undefined, 0, 1)
    for (let i = 0; i < 200; i++) r = ewma(r, 500, 1)
    expect(r).toBeCloseTo(500, 6)
  })
})

describe('etaSeconds', () => {
  it('by bytes when bytes are moving', () => {
    expect(etaSeconds({ bytes: 1000, objects: 5 }, { bytesPerSec: 100, objectsPerSec: 1 })).toBe(10)
  })

  it('by objects when no bytes remain (e.g. empty files) or no byte rate yet', () => {
    expect(etaSeconds({ bytes: 0, objects: 5 }, { bytesPerSec: 100, objectsPerSec: 2 })).toBe(2.5)
    expect(etaSeconds({ bytes: 500, objects: 6 }, { bytesPerSec: 0, objectsPerSec: 3 })).toBe(2)
  })

  it('null with no rate at all', () => {
    expect(etaSeconds({ bytes: 1000, objects: 5 }, { bytesPerSec: 0, objectsPerSec: 0 })).toBeNull()
    expect(etaSeconds({ bytes: 0, objects: 5 }, { bytesPerSec: 100, objectsPerSec: 0 })).toBeNull()
  })

  it('0 when nothing is left, with or without a rate', () => {
    expect(etaSeconds({ bytes: 0, objects: 0 }, { bytesPerSec: 0, objectsPerSec: 0 })).toBe(0)
    expect(etaSeconds({ bytes: 10, objects: 0 }, { bytesPerSec: 5, objectsPerSec: 1 })).toBe(0)
  })
})

describe('percent', () => {
  it('two decimals as a string', () => {
    expect(percent(1, 3)).toBe('33.33%')
    expect(percent(2, 3)).toBe('66.67%')
    expect(percent(197, 200)).toBe('98.50%')
    expect(percent(0, 10)).toBe('0.00%')
    expect(percent(10, 10)).toBe('100.00%')
  })

  it('never NaN: nothing to do counts as 100 %', () => {
    expect(percent(0, 0)).toBe('100.00%')
  })
})
