// `archive-sync resume <jobId> [--config job.json] [--json] [--data-dir DIR]`: continue a killed,
// cancelled or failed job from its persisted plan and journal. Finished tasks are not redone.
// Credentials: the job file's when --config is given (it must define the same job); otherwise
// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE from the environment, else the profile the
// job ran with, else the default chain. A job whose keys came from its job file (job.json keeps
// them masked) and has none of these is refused at once, exit 2, with the fix.
import { CliExit, loadConfig } from './load-config'
import { followJob, type RunArgs } from './run'

export async function resumeCommand(jobId: string | undefined, args: RunArgs, env = process.env): Promise<number> {
  if (!jobId) throw new CliExit(2, 'Give the job to resume: archive-sync resume <jobId> (job ids are the folders under <data-dir>/jobs)')
  const config = args.config ? await loadConfig(args.config) : undefined
  // The environment wins over what the job ran with, as it does over a job file.
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { access_key_id: env.AWS_ACCESS_KEY_ID, secret_access_key: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { session_token: env.AWS_SESSION_TOKEN } : {}) }
      : env.AWS_PROFILE
        ? { profile: env.AWS_PROFILE }
        : undefined
  return followJob(args, (app) => app.services.jobs.resume(jobId, { config, credentials }))
}
