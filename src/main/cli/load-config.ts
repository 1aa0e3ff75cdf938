// Reads a job file for the CLI and validates it; a bad file exits 2 with its codes and fixes.
import { readFile, stat } from 'node:fs/promises'
import { formatIssues, issue } from '../../shared/config/codes'
import { cleartextWarnings } from '../../shared/config/endpoint'
import { validateConfig, type JobConfig } from '../../shared/config/validate'

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new CliExit(2, `Cannot read the job file ${path}: ${(err as Error).message}`)
  }
  try {
    const v = JSON.parse(text) as unknown
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('the top level must be a JSON object')
    return v as Record<string, unknown>
  } catch (err) {
    throw new CliExit(2, `CE015 ${path} is not valid JSON: ${(err as Error).message}. Fix: check the file with a JSON validator.`)
  }
}

export async function loadConfig(path: string | undefined, env = process.env): Promise<JobConfig> {
  if (!path) throw new CliExit(2, 'Give the job file: --config job.json')
  const r = validateConfig(await readJson(path), { env, jobFile: true })
  if (!r.ok) throw new CliExit(2, `Invalid configuration in ${path}:\n${formatIssues(r.issues)}`)
  const folder = r.config.output_directory
  // A path that does not exist yet is created by the job; one that exists must be a folder (not /dev/null).
  const st = folder ? await stat(folder).catch(() => undefined) : undefined
  if (folder && st && !st.isDirectory()) throw new CliExit(2, `Invalid configuration in ${path}:\n${formatIssues([issue('CE034', 'output_directory', `${folder} exists and is not a folder`)])}`)
  warnCleartext(r.config)
  return r.config
}

/** Warns on stderr for each plain-http endpoint to another host (the job still runs: a lab S3 may be plain http). */
function warnCleartext(c: Pick<JobConfig, 's3_config' | 'source'>): void {
  for (const w of cleartextWarnings({ 's3_config.endpoint_url': c.s3_config.endpoint_url, 'source.endpoint_url': c.source.endpoint_url, 'source.https_base': c.source.https_base }))
    process.stderr.write(`warning: ${w}\n`)
}
