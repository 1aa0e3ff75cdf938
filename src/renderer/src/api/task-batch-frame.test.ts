import { describe, expect, it } from 'vitest'
import { jobEventSchema, taskResultSchema } from '../../../shared/contract'
import { parseTaskBatchFrame } from './task-batch-frame'

const frame = (results: unknown[], jobId: unknown = 'j1') => ({ event: 'jobs:event', payload: { type: 'task-batch', jobId, results } })

/** One result with every field the contract has. */
const FULL = {
  id: 7,
  outcome: 'synced',
  engine: 'download',
  bytes: 1024,
  reason: 'copied',
  errorClass: 'other',
  attempts: 2,
  key: 'data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-01-01.zip',
  sha256: 'a'.repeat(64),
}

/** A value each field's rule refuses. */
const BAD: Record<keyof typeof FULL, unknown[]> = {
  id: [-1, 1.5, '1'],
  outcome: ['exploded'],
  engine: ['ftp'],
  bytes: [-1, '1'],
  reason: [42],
  errorClass: ['cosmic'],
  attempts: [-1, 0.5],
  key: [42],
  sha256: ['A'.repeat(64), 'a'.repeat(63), 42],
}

describe('parseTaskBatchFrame', () => {
  it('keeps every field of the contract, as zod does', () => {
    // A field added to the schema must be added here, and then must survive the fast path.
    expect(Object.keys(FULL).sort()).toEqual(Object.keys(taskResultSchema.shape).sort())
    const fast = parseTaskBatchFrame(frame([FULL]))
    expect(fast).toEqual(jobEventSchema.parse(frame([FULL]).payload))
    expect(fast).toEqual({ type: 'task-batch', jobId: 'j1', results: [FULL] })
  })

  it('accepts what the contract accepts and strips unknown fields like zod', () => {
    const results = [
      { id: 1, outcome: 'synced', bytes: 10, engine: 'sdk-copy', extra: 'x', key: 'data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-01-01.zip' },
      { id: 2, outcome: 'failed', bytes: 0, errorClass: 'network', reason: 'ECONNRESET', attempts: 3 },
    ]
    const fast = parseTaskBatchFrame(frame(results))
    expect(fast).toEqual(jobEventSchema.parse(frame(results).payload))
  })

  it.each(Object.entries(BAD).flatMap(([field, values]) => values.map((value) => [field, value] as const)))('rejects %s = %o as the zod schema does', (field, value) => {
    const bad = { ...FULL, [field]: value }
    expect(parseTaskBatchFrame(frame([bad]))).toBe('invalid')
    expect(jobEventSchema.safeParse(frame([bad]).payload).success).toBe(false)
  })

  it.each(['id', 'outcome', 'bytes'])('rejects a result without %s, as the zod schema does', (field) => {
    const { [field as keyof typeof FULL]: _dropped, ...rest } = FULL
    expect(parseTaskBatchFrame(frame([rest]))).toBe('invalid')
    expect(jobEventSchema.safeParse(frame([rest]).payload).success).toBe(false)
  })

  it('leaves other frames to the zod path', () => {
    expect(parseTaskBatchFrame(frame(['not an object']))).toBe('invalid')
    expect(parseTaskBatchFrame({ event: 'jobs:event', payload: { type: 'state', jobId: 'j', state: 'running' } })).toBeNull()
    expect(parseTaskBatchFrame({ id: 1, ok: true, response: {} })).toBeNull()
    expect(parseTaskBatchFrame(frame([], 7))).toBe('invalid')
  })
})
