import { describe, expect, it } from 'vitest'
import { canonicalJson, diffConfigs, jobIdentity, journalLineSchema } from './journal'

describe('job identity and config differences', () => {
  const base = { destination_bucket: 'lake', s3_config: { region: 'us-east-1', access_key_id: 'AKIA1', secret_access_key: 's' }, performance_optimization: { max_concurrent: 2 } }

  it('leaves credentials out: rotating keys does not change the job', () => {
    const rotated = { ...base, s3_config: { ...base.s3_config, access_key_id: 'AKIA2', secret_access_key: 't' } }
    expect(canonicalJson(jobIdentity(rotated))).toBe(canonicalJson(jobIdentity(base)))
  })
  it('is independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }))
  })
  it('lists each changed field with its before and after values', () => {
    const changed = { ...base, destination_bucket: 'other', performance_optimization: { max_concurrent: 4 }, verify: 'sha256' }
    expect(diffConfigs(jobIdentity(base), jobIdentity(changed))).toEqual([
      'destination_bucket: "lake" → "other"',
      'performance_optimization.max_concurrent: 2 → 4',
      'verify: (unset) → "sha256"',
    ])
  })
})

describe('journal lines', () => {
  it('parses each kind and rejects unknown or malformed ones', () => {
    expect(journalLineSchema.safeParse({ type: 'result', id: 3, outcome: 'synced', bytes: 10, key: 'k', at: 'now' }).success).toBe(true)
    expect(journalLineSchema.safeParse({ type: 'verify', id: 3, status: 'verified', method: 'etag', at: 'now' }).success).toBe(true)
    expect(journalLineSchema.safeParse({ type: 'result', id: -1, outcome: 'synced', bytes: 10, key: 'k', at: 'now' }).success).toBe(false)
    expect(journalLineSchema.safeParse({ type: 'result', id: 1, outcome: 'done', bytes: 10, key: 'k', at: 'now' }).success).toBe(false)
    expect(journalLineSchema.safeParse({ type: 'gossip' }).success).toBe(false)
  })
})
