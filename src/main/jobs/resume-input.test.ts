// Bad input for a resume: another job's journal, a corrupt line, a changed config. Each is a clear
// error with a code — never a silent restart. A torn last line (the write a crash cut) is the one
// defect that is repaired: cut off, its tasks redone.
import { mkdtemp, readFile, rm, writeFile, appendFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { validateConfig, type JobConfig } from '../../shared/config/validate'
import { planFolders } from '../../shared/plan'
import { buildPlan } from '../../shared/planner'
import { JobManager } from './job-manager'
import { hashConfig, Journal, readJournal } from './journal'
import { readPlan, writePlan } from './plan-store'
import { redactConfig } from '../../shared/redact'

const JOB = '20240101000000-abcdef'
let dir: string
let data: string

const config = (extra: Record<string, unknown> = {}): JobConfig => {
  const r = validateConfig({
    destination_bucket: 'lake',
    s3_config: { access_key_id: 'AKIAEXAMPLE1234', secret_access_key: 'secret', endpoint_url: 'http://127.0.0.1:9' },
    markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'],
    date_range: { start: '2024-01-01', end: '2024-01-03' },
    ...extra,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

async function seedJob(c: JobConfig) {
  const folders = planFolders(c, '2025-01-01')
  const listing = new Map(folders.map((f) => [f.folder, f.expected.map((key) => ({ key, size: 10, etag: 'e'.repeat(32) }))]))
  const plan = { ...buildPlan(c, folders, listing), listRequests: 1, wildcards: [] }
  await writeFile(join(dir, 'job.json'), JSON.stringify({ schemaVersion: 1, jobId: JOB, createdAt: new Date().toISOString(), label: 'x', config: redactConfig(c) }))
  await writePlan(dir, { jobId: JOB, configHash: hashConfig(c) }, plan)
  const j = await Journal.create(join(dir, 'journal.ndjson'), { jobId: JOB, configHash: hashConfig(c), createdAt: new Date().toISOString() })
  await j.session(false)
  j.append({ id: 0, outcome: 'synced', bytes: 10, engine: 'sdk-copy' }, plan.tasks[0].sourceKey)
  await j.close()
  return plan
}

beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'archive-sync-resume-'))
  dir = join(data, 'jobs', JOB)
  await mkdir(dir, { recursive: true })
})
afterEach(() => rm(data, { recursive: true, force: true }))

describe('reading a journal back', () => {
  it('returns the finished tasks, and cuts a torn last line instead of failing', async () => {
    const c = config()
    await seedJob(c)
    const path = join(dir, 'journal.ndjson')
    const whole = (await readFile(path)).length
    await appendFile(path, '{"type":"result","id":1,"outc')
    const s = await readJournal(path, { jobId: JOB, configHash: hashConfig(c) })
    expect([...s.results.keys()]).toEqual([0])
    expect(s).toMatchObject({ tornTail: true, validBytes: whole })
    expect(s.sessions).toHaveLength(1)
  })

  it('refuses a journal from another job (JOURNAL_FOREIGN)', async () => {
    const c = config()
    await seedJob(c)
    await expect(readJournal(join(dir, 'journal.ndjson'), { jobId: 'someone-else', configHash: hashConfig(c) })).rejects.toMatchObject({ code: 'JOURNAL_FOREIGN' })
  })

  it('refuses a corrupted line in the middle (JOURNAL_CORRUPT, with its line number)', async () => {
    const c = config()
    await seedJob(c)
    const path = join(dir, 'journal.ndjson')
    const lines = (await readFile(path, 'utf8')).split('\n')
    lines.splice(2, 0, '{"type":"result","id":"seven","outcome":"synced"}')
    await writeFile(path, lines.join('\n'))
    await expect(readJournal(path, { jobId: JOB, configHash: hashConfig(c) })).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', message: expect.stringMatching(/line 3/) })
    lines.splice(2, 1, 'garbage \u0000')
    await writeFile(path, lines.join('\n'))
    await expect(readJournal(path, { jobId: JOB, configHash: hashConfig(c) })).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', message: expect.stringMatching(/line 3 is not JSON/) })
  })

  it('reads the persisted plan back task for task, and refuses another job\'s plan', async () => {
    const c = config()
    const plan = await seedJob(c)
    const back = await readPlan(dir, { jobId: JOB, configHash: hashConfig(c) })
    expect(back.tasks).toEqual(plan.tasks)
    await expect(readPlan(dir, { jobId: 'other', configHash: hashConfig(c) })).rejects.toMatchObject({ code: 'PLAN_FOREIGN' })
  })
})

describe('JobManager.resume refuses bad input before anything runs', () => {
  const manager = () => new JobManager(data, async () => ({ found: false, reason: 'not wanted here' }))

  it('a config changed between run and resume: RESUME_CONFIG_CHANGED, field by field', async () => {
    await seedJob(config())
    const changed = config({ destination_prefix: 'elsewhere', performance_optimization: { max_concurrent: 3 } })
    const err = await manager().resume(JOB, { config: changed }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'RESUME_CONFIG_CHANGED' })
    expect((err as Error).message).toContain('destination_prefix: "" → "elsewhere"')
    expect((err as Error).message).toContain('performance_optimization.max_concurrent: 10 → 3')
  })

  it('new credentials alone are not a change', async () => {
    const c = config()
    await seedJob(c)
    const rotated = config({ s3_config: { access_key_id: 'AKIAOTHER99999', secret_access_key: 'new', endpoint_url: 'http://127.0.0.1:9' } })
    expect(hashConfig(rotated)).toBe(hashConfig(c))
  })

  it('a journal swapped in from another job: JOURNAL_FOREIGN', async () => {
    const c = config()
    await seedJob(c)
    const path = join(dir, 'journal.ndjson')
    await writeFile(path, (await readFile(path, 'utf8')).replace(JOB, '20990101000000-ffffff'))
    await expect(manager().resume(JOB)).rejects.toMatchObject({ code: 'JOURNAL_FOREIGN' })
  })

  it('an unknown job: JOB_NOT_FOUND', async () => {
    await expect(manager().resume('20000101000000-000000')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' })
  })
})

describe('JobManager.resume without the job file: credentials resolved before any work', () => {
  const manager = () => new JobManager(data, async () => ({ found: false, reason: 'not wanted here' }))
  beforeEach(() => {
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) vi.stubEnv(k, '')
  })
  afterEach(() => vi.unstubAllEnvs())

  it('keys from the job file (masked in job.json) and nothing else: RESUME_CREDENTIALS at once, with the fix', async () => {
    await seedJob(config())
    const t = Date.now()
    const err = await manager().resume(JOB).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'RESUME_CREDENTIALS' })
    expect((err as Error).message).toContain('--config job.json')
    expect((err as Error).message).toContain('AWS_PROFILE')
    expect(Date.now() - t).toBeLessThan(1000)
    // Refused before anything ran: no second session line in the journal, and the lock is free.
    expect((await readFile(join(dir, 'journal.ndjson'), 'utf8')).match(/"type":"session"/g)).toHaveLength(1)
    await expect(manager().resume(JOB)).rejects.toMatchObject({ code: 'RESUME_CREDENTIALS' })
  })

  it('a stored profile name just works; a profile that does not exist is refused with its name', async () => {
    const files = join(data, 'aws')
    await mkdir(files)
    await writeFile(join(files, 'credentials'), '[lab]\naws_access_key_id = AKIALAB0000000000000\naws_secret_access_key = labsecret\n')
    await writeFile(join(files, 'config'), '')
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(files, 'credentials'))
    vi.stubEnv('AWS_CONFIG_FILE', join(files, 'config'))
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true')
    const c = config({ s3_config: { profile: 'lab', endpoint_url: 'http://127.0.0.1:9' } })
    await seedJob(c)
    const m = manager()
    const { done } = await m.resume(JOB)
    m.cancel(JOB)
    await done
    await m.close()
    await rm(join(dir, 'report.json'), { force: true })
    await writeFile(join(dir, 'job.json'), (await readFile(join(dir, 'job.json'), 'utf8')).replace('"lab"', '"nosuch"'))
    await expect(manager().resume(JOB)).rejects.toMatchObject({ code: 'RESUME_CREDENTIALS', message: expect.stringContaining('profile "nosuch"') })
  })
})
