import { describe, expect, it } from 'vitest'
import { jobEventSchema } from '../../../shared/contract'
import { parseTaskBatchFrame } from './task-batch-frame'

const frame = (results: unknown[], jobId: unknown = 'j1') => ({ event: 'jobs:event', payload: { type: 'task-batch', jobId, results } })

describe('parseTaskBatchFrame', () => {
  it('accepts what the contract accepts and strips unknown fields like zod', () => {
    const results = [
      { id: 1, outcome: 'synced', bytes: 10, engine: 'sdk-copy', extra: 'x', key: 'data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-01-01.zip' },
      { id: 2, outcome: 'failed', bytes: 0, errorClass: 'network', reason: 'ECONNRESET', attempts: 3 },
    ]
    const fast = parseTaskBatchFrame(frame(results))
    expect(fast).toEqual(jobEventSchema.parse(frame(results).payload))
  })

  it.each([
    [{ id: -1, outcome: 'synced', bytes: 1 }],
    [{ id: 1.5, outcome: 'synced', bytes: 1 }],
    [{ id: 1, outcome: 'exploded', bytes: 1 }],
    [{ id: 1, outcome: 'synced', bytes: -1 }],
    [{ id: 1, outcome: 'synced', bytes: 1, engine: 'ftp' }],
    [{ id: 1, outcome: 'failed', bytes: 1, errorClass: 'cosmic' }],
    [{ id: 1, outcome: 'failed', bytes: 1, reason: 42 }],
    [{ id: 1, outcome: 'synced', bytes: 1, key: 42 }],
    ['not an object'],
  ])('rejects %o as the zod schema does', (bad) => {
    expect(parseTaskBatchFrame(frame([bad]))).toBe('invalid')
    expect(jobEventSchema.safeParse(frame([bad]).payload).success).toBe(false)
  })

  it('leaves other frames to the zod path', () => {
    expect(parseTaskBatchFrame({ event: 'jobs:event', payload: { type: 'state', jobId: 'j', state: 'running' } })).toBeNull()
    expect(parseTaskBatchFrame({ id: 1, ok: true, response: {} })).toBeNull()
    expect(parseTaskBatchFrame(frame([], 7))).toBe('invalid')
  })
})
