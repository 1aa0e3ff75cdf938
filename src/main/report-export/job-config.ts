// A past job's saved config (jobs:config), for re-running it: read through the job store, masked
// again by the one redactor so a hand-edited job.json cannot send a key to the renderer either.
import { redactConfig } from '../../shared/redact'
import { jobFolder, readJobMeta } from '../jobs/job-store'

export async function readSavedJob(dataDir: string, jobId: string): Promise<{ jobId: string; label: string; createdAt: string; config: Record<string, unknown> }> {
  const meta = await readJobMeta(jobFolder(dataDir, jobId), jobId)
  // `selection` is derived by validateConfig; re-running sends the user's fields only.
  const { selection: _derived, ...config } = redactConfig(meta.config)
  return { jobId, label: meta.label, createdAt: meta.createdAt, config }
}
