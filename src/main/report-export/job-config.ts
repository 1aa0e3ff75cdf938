// A past job's saved config (job.json), for re-running it. The file was written with secrets
// masked (jobs/redact.ts); this masks again so a hand-edited file cannot leak a key either.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/contract'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const SECRET = ['secret_access_key', 'session_token']

export function maskSecrets(config: Json): Json {
  const out: Json = { ...config }
  // `selection` is derived by validateConfig; re-running sends the user's fields only.
  delete out.selection
  if (isObj(out.s3_config)) {
    const s3: Json = { ...out.s3_config }
    for (const k of SECRET) if (s3[k] !== undefined) s3[k] = '****'
    if (typeof s3.access_key_id === 'string' && !s3.access_key_id.startsWith('****')) s3.access_key_id = `****${s3.access_key_id.slice(-4)}`
    out.s3_config = s3
  }
  return out
}

export async function readSavedJob(dataDir: string, jobId: string): Promise<{ jobId: string; label: string; createdAt: string; config: Json }> {
  const file = join(dataDir, 'jobs', jobId, 'job.json')
  const meta: unknown = await readFile(file, 'utf8').then(JSON.parse, () => undefined)
  if (!isObj(meta) || !isObj(meta.config)) throw new AppError('JOB_NOT_FOUND', `No saved config for job ${jobId} in ${join(dataDir, 'jobs')}`)
  return { jobId, label: String(meta.label ?? jobId), createdAt: String(meta.createdAt ?? ''), config: maskSecrets(meta.config) }
}
