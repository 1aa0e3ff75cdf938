// The jobs on disk: one folder per job under <dataDir>/jobs holding job.json (the redacted config),
// plan.ndjson, journal.ndjson and, once it ends, report.json. What a past job is, and what a resume
// may run, is read from here; the live jobs of this process are job-manager.ts's.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, reportSchema, type JobSummary } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { diffConfigs, jobIdentity, jobMetaSchema, type JobMeta } from '../../shared/journal'
import { redactConfig } from './redact'

export const jobsFolder = (dataDir: string): string => join(dataDir, 'jobs')
export const jobFolder = (dataDir: string, jobId: string): string => join(dataDir, 'jobs', jobId)

/** A new job's folder and job.json. The id sorts by creation time. */
export async function createJobFolder(dataDir: string, label: string, config: JobConfig): Promise<{ jobId: string; createdAt: string; dir: string }> {
  const createdAt = new Date().toISOString()
  const jobId = `${createdAt.slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(3).toString('hex')}`
  const dir = jobFolder(dataDir, jobId)
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'job.json'), JSON.stringify({ schemaVersion: 1, jobId, createdAt, label, config: redactConfig(config) }, null, 2))
  return { jobId, createdAt, dir }
}

export async function listJobIds(dataDir: string): Promise<string[]> {
  return readdir(jobsFolder(dataDir)).catch(() => [] as string[])
}

/** A job as its folder tells it, or undefined when there is no such job. */
export async function readPastJob(dataDir: string, jobId: string): Promise<JobSummary | undefined> {
  const dir = jobFolder(dataDir, jobId)
  const meta = await readFile(join(dir, 'job.json'), 'utf8').then(JSON.parse, () => undefined)
  if (!meta) return undefined
  const report = await readFile(join(dir, 'report.json'), 'utf8').then((t) => reportSchema.parse(JSON.parse(t)), () => null)
  // A job folder without a report was interrupted: resumable, not running.
  return { jobId, state: report?.status ?? 'failed', createdAt: meta.createdAt, label: meta.label, snapshot: null, report }
}

export async function readJobMeta(dir: string, jobId: string): Promise<JobMeta> {
  const text = await readFile(join(dir, 'job.json'), 'utf8').catch(() => {
    throw new AppError('JOB_NOT_FOUND', `No job ${jobId}: ${join(dir, 'job.json')} does not exist`)
  })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError('JOB_CORRUPT', `${join(dir, 'job.json')} is not JSON`)
  }
  const meta = jobMetaSchema.safeParse(json)
  if (!meta.success) throw new AppError('JOB_CORRUPT', `${join(dir, 'job.json')} is not a job file: ${meta.error.issues[0]?.message}`)
  if (meta.data.jobId !== jobId) throw new AppError('JOB_CORRUPT', `${join(dir, 'job.json')} names job ${meta.data.jobId}, not ${jobId}`)
  return meta.data
}

/**
 * The config a resume runs. `given` must define the same job as the saved one (credentials may
 * differ): otherwise RESUME_CONFIG_CHANGED, field by field. Without it the saved config runs with
 * `credentials` (or the default chain): its stored keys are masked and never used.
 */
export function resumeConfig(jobId: string, saved: JobConfig, given?: JobConfig, credentials?: Partial<JobConfig['s3_config']>): JobConfig {
  if (given) {
    const diff = diffConfigs(jobIdentity(saved as unknown as Record<string, unknown>), jobIdentity(redactConfig(given) as unknown as Record<string, unknown>))
    // `selection` is derived from markets/symbols/...: shown only if nothing else explains the change.
    const specific = diff.filter((d) => !d.startsWith('selection'))
    const shown = specific.length > 0 ? specific : diff
    if (diff.length > 0)
      throw new AppError('RESUME_CONFIG_CHANGED', `The configuration changed since job ${jobId} ran; resume refused (start a new job for a new configuration). Differences:\n${shown.map((d) => `  ${d}`).join('\n')}`)
    return given
  }
  const { access_key_id: _a, secret_access_key: _s, session_token: _t, profile: _p, ...s3 } = saved.s3_config
  return { ...saved, s3_config: { ...s3, ...credentials } }
}
