// The job folder's files, each through its one store: job.json (job-store), report.json
// (report-store), the exported config (report-export/job-config) and the baseline read from both.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from '../../shared/config/validate'
import { buildReport } from '../../shared/report'
import { readSavedJob } from '../report-export/job-config'
import { findTraditionalBaseline } from './baseline'
import { createJobFolder, jobFolder, jobsFolder, readJobMeta, readPastJob } from './job-store'
import { hashConfig } from './journal'
import { readReport, writeReport } from './report-store'

let data: string
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'archive-sync-store-'))
})
afterEach(() => rm(data, { recursive: true, force: true }))

const config = (extra: Record<string, unknown> = {}): JobConfig => {
  const r = validateConfig({
    destination_bucket: 'lake',
    s3_config: { access_key_id: 'AKIAEXAMPLE1234', secret_access_key: 'wJalrXUtnFEMI', endpoint_url: 'http://127.0.0.1:9' },
    markets: ['spot'], symbols: ['btcusdt'], data_types: ['klines'], intervals: ['1h'],
    date_range: { start: '2024-01-01', end: '2024-01-03' },
    ...extra,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

const report = (jobId: string, over: Partial<Parameters<typeof buildReport>[0]> = {}) =>
  buildReport({
    jobId, status: 'completed', startedAt: new Date('2025-01-01T00:00:00Z'), finishedAt: new Date('2025-01-01T00:00:10Z'),
    planned: { objects: 20, bytes: 2000 }, synced: 20, skipped: 0, failed: 0, bytesTransferred: 2000, engines: { traditional: 20 },
    s5cmd: { available: false, version: null }, batches: [], fallbacks: [], fallbackCount: 0, errorsByClass: {}, failures: [], ...over,
  })

describe('job.json', () => {
  it('is written without a secret and read back as the same job (same config hash)', async () => {
    const c = config()
    const { jobId, dir } = await createJobFolder(data, 'spot klines', c)
    const text = await readFile(join(dir, 'job.json'), 'utf8')
    expect(text).not.toMatch(/AKIAEXAMPLE|wJalrXUtnFEMI/)
    const meta = await readJobMeta(dir, jobId)
    expect(meta).toMatchObject({ schemaVersion: 1, jobId, label: 'spot klines' })
    expect(meta.config.s3_config.access_key_id).toBe('****1234')
    expect(meta.config.selection[0].symbols).toEqual(['BTCUSDT'])
    // Credentials are not part of the job: a resume of the saved config hashes as the run did.
    expect(hashConfig(meta.config)).toBe(hashConfig(c))
  })

  it('refuses a missing, non-JSON, foreign or malformed file with its code', async () => {
    const { jobId, dir } = await createJobFolder(data, 'x', config())
    await expect(readJobMeta(jobFolder(data, 'nope'), 'nope')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' })
    await expect(readJobMeta(dir, 'another-job')).rejects.toMatchObject({ code: 'JOB_CORRUPT', message: expect.stringMatching(/names job/) })
    const saved = JSON.parse(await readFile(join(dir, 'job.json'), 'utf8'))
    await writeFile(join(dir, 'job.json'), JSON.stringify({ ...saved, config: { ...saved.config, markets: ['moon'] } }))
    await expect(readJobMeta(dir, jobId)).rejects.toMatchObject({ code: 'JOB_CORRUPT', message: expect.stringMatching(/config\.markets/) })
    await writeFile(join(dir, 'job.json'), '{"schemaVersion":1,')
    await expect(readJobMeta(dir, jobId)).rejects.toMatchObject({ code: 'JOB_CORRUPT', message: expect.stringMatching(/not JSON/) })
    // A past job that is not there is no job; one whose file is broken says so.
    await expect(readPastJob(data, 'nope')).resolves.toBeUndefined()
    await expect(readPastJob(data, jobId)).rejects.toMatchObject({ code: 'JOB_CORRUPT' })
  })

  it('is sent for a re-run masked again, even when edited by hand to hold real keys', async () => {
    const { jobId, dir } = await createJobFolder(data, 'x', config())
    const saved = JSON.parse(await readFile(join(dir, 'job.json'), 'utf8'))
    saved.config.s3_config = { ...saved.config.s3_config, access_key_id: 'AKIAHANDEDITED99', secret_access_key: 'hand-secret', session_token: 'hand-token' }
    await writeFile(join(dir, 'job.json'), JSON.stringify(saved))
    const out = await readSavedJob(data, jobId)
    expect(JSON.stringify(out)).not.toMatch(/AKIAHANDEDITED|hand-secret|hand-token/)
    expect(out.config.s3_config).toMatchObject({ access_key_id: '****ED99', secret_access_key: '****', session_token: '****' })
    // `selection` is derived, not the user's: it is not sent back.
    expect(out.config).not.toHaveProperty('selection')
    expect(out.config.markets).toEqual(['spot'])
  })
})

describe('report.json', () => {
  it('round-trips through its schema; absent is null, broken is REPORT_CORRUPT and the job reads as interrupted', async () => {
    const { jobId, dir } = await createJobFolder(data, 'x', config())
    expect(await readReport(dir)).toBeNull()
    expect((await readPastJob(data, jobId))?.state).toBe('failed')
    const r = report(jobId)
    await writeReport(dir, r)
    expect(await readReport(dir)).toEqual(r)
    expect(await readPastJob(data, jobId)).toMatchObject({ state: 'completed', report: { files_synced: 20 } })
    await writeFile(join(dir, 'report.json'), JSON.stringify({ ...r, files_synced: 'twenty' }))
    await expect(readReport(dir)).rejects.toMatchObject({ code: 'REPORT_CORRUPT' })
    expect(await readPastJob(data, jobId)).toMatchObject({ state: 'failed', report: null })
  })
})

describe('findTraditionalBaseline', () => {
  it('takes the newest completed traditional run on the same route, never the current job or another route', async () => {
    const c = config()
    const old = await createJobFolder(data, 'old', c)
    await writeReport(old.dir, report(old.jobId))
    const newer = await createJobFolder(data, 'newer', c)
    await writeReport(newer.dir, report(newer.jobId, { finishedAt: new Date('2025-01-01T00:00:05Z') }))
    const elsewhere = await createJobFolder(data, 'other route', config({ destination_bucket: 'other-lake' }))
    await writeReport(elsewhere.dir, report(elsewhere.jobId, { finishedAt: new Date('2025-01-01T00:00:01Z') }))
    const direct = await createJobFolder(data, 'direct', c)
    await writeReport(direct.dir, report(direct.jobId, { engines: { 'sdk-copy': 20 }, finishedAt: new Date('2025-01-01T00:00:01Z') }))
    const current = await createJobFolder(data, 'current', c)
    expect(await findTraditionalBaseline(jobsFolder(data), current.jobId, c)).toEqual({ jobId: newer.jobId, filesPerSec: 4, bytesPerSec: 400 })
    expect(await findTraditionalBaseline(jobsFolder(data), newer.jobId, config({ destination_bucket: 'nowhere' }))).toBeNull()
  })
})
