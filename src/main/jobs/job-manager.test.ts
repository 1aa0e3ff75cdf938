// What a job says leaves main (IPC, WebSocket, terminal): its log and state lines never carry its keys.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobEvent } from '../../shared/contract'
import { validateConfig } from '../../shared/config/validate'
import { lockDestination } from './job-lock'
import { JobManager } from './job-manager'
import { hashConfig } from './journal'

let data: string
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'archive-sync-manager-'))
})
afterEach(() => rm(data, { recursive: true, force: true }))

describe('JobManager events', () => {
  it('redact the job’s credentials from every log and state message', async () => {
    // The key id doubles as the source bucket's name, so the listing failure (which names the bucket) holds it.
    const r = validateConfig({
      destination_bucket: 'lake', s3_config: { access_key_id: 'lakekey7731', secret_access_key: 'wJalrXUtnFEMI', endpoint_url: 'http://127.0.0.1:9' },
      source: { bucket: 'lakekey7731', endpoint_url: 'http://127.0.0.1:9' }, performance_optimization: { retry_count: 1 },
      markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-01-01', end: '2024-01-01' },
    })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const m = new JobManager(data, async () => ({ found: false, reason: 'not needed' }))
    const events: JobEvent[] = []
    m.onEvent((e) => events.push(e))
    const { done } = await m.start(r.config)
    await done
    await m.close()
    const said = events.flatMap((e) => ((e.type === 'log' || e.type === 'state') && e.message ? [e.message] : []))
    expect(said.some((t) => t.includes('[redacted]'))).toBe(true)
    expect(said.join('\n')).not.toMatch(/lakekey7731|wJalrXUtnFEMI/)
  })
})

describe('JobManager and another holder of the destination', () => {
  it('refuses the start with DESTINATION_LOCKED naming the holder, leaves no job folder, and starts once it is released', async () => {
    const r = validateConfig({
      destination_bucket: 'lake', s3_config: { endpoint_url: 'http://127.0.0.1:9' }, performance_optimization: { retry_count: 1 },
      markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-01-01', end: '2024-01-01' },
    })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    // What a second app (or a CLI run) holds while it copies this config to this destination.
    const held = await lockDestination(data, r.config, hashConfig(r.config), 'other-job')
    const m = new JobManager(data, async () => ({ found: false, reason: 'not needed' }))
    const err = await m.start(r.config).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DESTINATION_LOCKED', message: expect.stringContaining(`process ${process.pid} (job other-job, since `) })
    expect(await readdir(join(data, 'jobs'))).toEqual([])
    await held.release()
    const { done } = await m.start(r.config)
    await done
    await m.close()
    expect(await readdir(join(data, 'jobs'))).toHaveLength(1)
  })
})

describe('JobManager and the s5cmd lookup', () => {
  const config = () => {
    const r = validateConfig({
      destination_bucket: 'lake', s3_config: { endpoint_url: 'http://127.0.0.1:9' }, performance_optimization: { retry_count: 1 },
      markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-01-01', end: '2024-01-01' },
    })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    return r.config
  }

  it('runs while the plan is listed: a lookup that never answers does not hold the listing', async () => {
    let asked = 0
    const m = new JobManager(data, () => (asked++, new Promise(() => undefined)))
    const events: JobEvent[] = []
    m.onEvent((e) => events.push(e))
    const { done } = await m.start(config())
    // Nothing listens on port 9: the listing fails, and the job ends without the lookup's answer.
    expect(await done).toBeNull()
    await m.close()
    expect(asked).toBe(1)
    expect(events.some((e) => e.type === 'log' && e.level === 'error' && /Listing the source/.test(e.message))).toBe(true)
  })
})
