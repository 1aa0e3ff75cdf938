import { describe, expect, it } from 'vitest'
import { backoffDelay, RECONNECT_BACKOFF, REQUEST_BACKOFF } from './backoff'

describe('backoffDelay', () => {
  const opts = { baseMs: 100, maxMs: 1000 }
  it('starts at the base', () => {
    expect(backoffDelay(0, opts, () => 1)).toBe(100)
  })
  it('doubles its ceiling per attempt up to the max', () => {
    expect(backoffDelay(1, opts, () => 1)).toBe(200)
    expect(backoffDelay(3, opts, () => 1)).toBe(800)
    expect(backoffDelay(10, opts, () => 1)).toBe(1000)
  })
  it('jitters between the base and the ceiling', () => {
    expect(backoffDelay(3, opts, () => 0)).toBe(100)
    expect(backoffDelay(3, opts, () => 0.5)).toBe(450)
  })
  it('the two callers: requests cap at 5 s, reconnects at 10 s', () => {
    expect(backoffDelay(20, REQUEST_BACKOFF, () => 1)).toBe(5_000)
    expect(backoffDelay(0, REQUEST_BACKOFF, () => 0)).toBe(100)
    expect(backoffDelay(20, RECONNECT_BACKOFF, () => 1)).toBe(10_000)
    expect(backoffDelay(0, RECONNECT_BACKOFF, () => 0)).toBe(250)
  })
})
