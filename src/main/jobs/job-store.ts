// The jobs on disk: one folder per job under <dataDir>/jobs holding job.json (the redacted config),
// plan.ndjson, journal.ndjson and, once it ends, report.json. This module is job.json's only reader
// and writer (jobMetaSchema); what a past job is, and what a resume may run, is read from here. The
// live jobs of this process are job-manager.ts's.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, type JobSummary } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { diffConfigs, jobIdentity, jobMetaSchema, type JobMeta } from '../../shared/journal'
import { redactConfig } from '../../shared/redact'
import { parseStored } from '../stored-json'
import { readReport } from './report-store'

const JOB_FILE = 'job.json'

export const jobsFolder = (dataDir: string): string => join(dataDir, 'jobs')
export const jobFolder = (dataDir: string, jobId: string): string => join(dataDir, 'jobs', jobId)

/** A job id: sorts by creation time, unique by its random tail. */
export const newJobId = (createdAt = new Date().toISOString()): string => `${createdAt.slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(3).toString('hex')}`

/** A new job's folder and job.json. */
export async function createJobFolder(dataDir: string, label: string, config: JobConfig): Promise<{ jobId: string; createdAt: string; dir: string }> {
  const createdAt = new Date().toISOString()
  const jobId = newJobId(createdAt)
  const dir = jobFolder(dataDir, jobId)
  await mkdir(dir, { recursive: true })
  const meta: JobMeta = { schemaVersion: 1, jobId, createdAt, label, config: redactConfig(config) }
  await writeFile(join(dir, JOB_FILE), JSON.stringify(meta, null, 2))
  return { jobId, createdAt, dir }
}

export async function listJobIds(dataDir: string): Promise<string[]> {
  return readdir(jobsFolder(dataDir)).catch(() => [] as string[])
}

/** job.json through its schema: JOB_NOT_FOUND when absent, JOB_CORRUPT when it is not this job's file. */
export async function readJobMeta(dir: string, jobId: string): Promise<JobMeta> {
  const path = join(dir, JOB_FILE)
  const text = await readFile(path, 'utf8').catch(() => {
    throw new AppError('JOB_NOT_FOUND', `No job ${jobId}: ${path} does not exist`)
  })
  const meta = parseStored(path, text, jobMetaSchema, { code: 'JOB_CORRUPT', what: 'a job file' })
  if (meta.jobId !== jobId) throw new AppError('JOB_CORRUPT', `${path} names job ${meta.jobId}, not ${jobId}`)
  return meta
}

/** A job as its folder tells it, or undefined when there is no such job. */
export async function readPastJob(dataDir: string, jobId: string): Promise<JobSummary | undefined> {
  const dir = jobFolder(dataDir, jobId)
  const meta = await readJobMeta(dir, jobId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'JOB_NOT_FOUND') return undefined
    throw err
  })
  if (!meta) return undefined
  // A job folder without a report was interrupted: resumable, not running. A report that does not
  // parse (an older format, a hand edit) counts as none: a resume writes a new one.
  const report = await readReport(dir).catch(() => null)
  return { jobId, state: report?.status ?? 'failed', createdAt: meta.createdAt, label: meta.label, snapshot: null, report }
}

/**
 * The config a resume runs. `given` must define the same job as the saved one (credentials may
 * differ): otherwise RESUME_CONFIG_CHANGED, field by field. Without it the saved config runs with
 * `credentials`, else its stored profile, else the default chain: its stored keys are masked and
 * never used (resume-credentials.ts refuses a job that has nothing left to sign with).
 */
export function resumeConfig(jobId: string, saved: JobConfig, given?: JobConfig, credentials?: Partial<JobConfig['s3_config']>): JobConfig {
  if (given) {
    const diff = diffConfigs(jobIdentity(saved), jobIdentity(given))
    // `selection` is derived from markets/symbols/...: shown only if nothing else explains the change.
    const specific = diff.filter((d) => !d.startsWith('selection'))
    const shown = specific.length > 0 ? specific : diff
    if (diff.length > 0)
      throw new AppError('RESUME_CONFIG_CHANGED', `The configuration changed since job ${jobId} ran; resume refused (start a new job for a new configuration). Differences:\n${shown.map((d) => `  ${d}`).join('\n')}`)
    return given
  }
  // The stored profile is a name, not a secret: it is kept unless other credentials are given.
  const { access_key_id: _a, secret_access_key: _s, session_token: _t, ...s3 } = saved.s3_config
  if (credentials?.access_key_id) delete s3.profile
  return { ...saved, s3_config: { ...s3, ...credentials } }
}
