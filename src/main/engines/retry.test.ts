import { describe, expect, it } from 'vitest'
import { retriedBySdk, sleep, withRetries } from './retry'

const never = new AbortController().signal

describe('withRetries', () => {
  it('gives up after `retries` retries and throws the last error', async () => {
    let n = 0
    const seen: number[] = []
    await expect(withRetries(async (k) => (seen.push(k), Promise.reject(new Error(`e${++n}`))), { retries: 2, signal: never, shouldRetry: () => true })).rejects.toThrow('e3')
    expect(seen).toEqual([1, 2, 3])
  })
  it('returns the first success and says how many retries it took', async () => {
    let n = 0
    const retries: number[] = []
    const out = await withRetries(async () => (++n < 3 ? Promise.reject(new Error('x')) : 'ok'), { retries: 5, signal: never, shouldRetry: () => true, onRetry: (_e, k) => void retries.push(k) })
    expect(out).toBe('ok')
    expect(retries).toEqual([0, 1])
  })
  it('does not retry what shouldRetry refuses, nor after a cancel', async () => {
    let n = 0
    await expect(withRetries(async () => Promise.reject(new Error(`e${++n}`)), { retries: 5, signal: never, shouldRetry: () => false })).rejects.toThrow('e1')
    const ac = new AbortController()
    n = 0
    const p = withRetries(async () => Promise.reject(new Error(`c${++n}`)), { retries: 5, signal: ac.signal, shouldRetry: () => true })
    ac.abort()
    await expect(p).rejects.toThrow('c1')
    expect(n).toBe(1)
  })
  it('an SDK error carries $metadata: already retried', () => {
    expect(retriedBySdk({ $metadata: {} })).toBe(true)
    expect(retriedBySdk(new Error('cut'))).toBe(false)
    expect(retriedBySdk(null)).toBe(false)
  })
  it('sleep ends early on a cancel', async () => {
    const ac = new AbortController()
    const started = Date.now()
    setTimeout(() => ac.abort(), 5)
    await sleep(10_000, ac.signal)
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
