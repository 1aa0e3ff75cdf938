// `archive-sync resume <jobId> [--config job.json] [--json] [--data-dir DIR]`: continue a killed,
// cancelled or failed job from its persisted plan and journal. Finished tasks are not redone.
// Credentials: the job file's when --config is given (it must define the same job), otherwise the
// AWS default chain (AWS_ACCESS_KEY_ID…, AWS_PROFILE): saved job files hold masked keys only.
import { CliExit, loadConfig } from './load-config'
import { followJob, type RunArgs } from './run'

export async function resumeCommand(jobId: string | undefined, args: RunArgs): Promise<number> {
  if (!jobId) throw new CliExit(2, 'Give the job to resume: archive-sync resume <jobId> (job ids are the folders under <data-dir>/jobs)')
  const config = args.config ? await loadConfig(args.config) : undefined
  return followJob(args, (app) => app.services.jobs.resume(jobId, { config }))
}
