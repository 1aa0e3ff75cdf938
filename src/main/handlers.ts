// The handler table: one function per contract command. Both transports call `dispatch`, which
// parses the request with the contract's schema before any handler sees it.
import { join } from 'node:path'
import type { z } from 'zod'
import { AppError, commands, type AppInfo, type CommandName, type CommandResponse, type Commands } from '../shared/contract'
import { formatIssues } from '../shared/config/codes'
import { sourceSchema } from '../shared/config/schema'
import { validateConfig, type JobConfig } from '../shared/config/validate'
import { MARKET_ALIASES } from '../shared/catalog'
import type { JobManager } from './jobs/job-manager'
import { makePlan } from './plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from './s3/clients'
import { listSymbols } from './catalog/symbol-cache'
import { mergeConfig } from './settings'
import { makeWorkbenchHandlers } from './workbench-handlers'
import { makePreviewHandlers } from './preview/preview-handlers'

export interface Services {
  jobs: JobManager
  /** Server-side settings (endpoints, credentials) under every job; never sent to the renderer. */
  baseConfig: Record<string, unknown>
  info: AppInfo
  env: Readonly<Record<string, string | undefined>>
  /** Where jobs and caches live. */
  dataDir: string
}

export type Handlers = { [C in CommandName]: (req: z.output<Commands[C]['req']>) => Promise<CommandResponse<C>> }

export function resolveConfig(s: Services, raw: Record<string, unknown>): JobConfig {
  const r = validateConfig(mergeConfig(s.baseConfig, raw), { env: s.env })
  if (!r.ok) throw new AppError('CONFIG_INVALID', formatIssues(r.issues), r.issues)
  return r.config
}

export function makeHandlers(s: Services): Handlers {
  return {
    'app:info': async () => s.info,
    'config:validate': async ({ config }) => {
      const r = validateConfig(mergeConfig(s.baseConfig, config), { env: s.env })
      return r.ok ? { ok: true, issues: [] } : { ok: false, issues: r.issues }
    },
    'catalog:symbols': async ({ market, frequency, dataType, refresh }) => {
      const m = MARKET_ALIASES[market]
      if (!m) throw new AppError('CE005', `unknown market "${market}"`)
      const src = sourceSettings(s)
      const client = makeS3Client({ bucket: src.bucket, region: src.region, endpointUrl: src.endpoint_url, anonymous: src.anonymous })
      try {
        const prefix = `${src.prefix}${m}/${frequency}/${dataType}/`
        const cacheFile = join(s.dataDir, 'cache', 'symbols.json')
        const r = await listSymbols({ client, bucket: src.bucket, prefix, cacheFile, endpoint: src.endpoint_url ?? 'aws', refresh })
        return { symbols: r.symbols, cachedAt: new Date(r.cachedAt).toISOString() }
      } finally {
        client.destroy()
      }
    },
    'plan:preview': async ({ config }) => {
      const c = resolveConfig(s, config)
      const source = makeS3Client(sourceEndpoint(c))
      const destination = c.output_directory ? undefined : makeS3Client(destinationEndpoint(c))
      try {
        return (await makePlan(c, { source, destination, measured: await s.jobs.lastThroughput() })).summary
      } finally {
        source.destroy()
        destination?.destroy()
      }
    },
    'jobs:start': async ({ config }) => ({ jobId: (await s.jobs.start(resolveConfig(s, config))).jobId }),
    'jobs:cancel': async ({ jobId }) => (s.jobs.cancel(jobId), { ok: true as const }),
    'jobs:pause': async ({ jobId }) => (s.jobs.pause(jobId), { ok: true as const }),
    'jobs:continue': async ({ jobId }) => (s.jobs.continue(jobId), { ok: true as const }),
    'jobs:resume': async ({ jobId }) => ({ jobId: (await s.jobs.resume(jobId, { credentials: baseCredentials(s) })).jobId }),
    'jobs:status': ({ jobId }) => s.jobs.status(jobId),
    'jobs:list': async () => ({ jobs: await s.jobs.list() }),
    'jobs:report': ({ jobId }) => s.jobs.report(jobId),
    ...makeWorkbenchHandlers(s),
    ...makePreviewHandlers(s),
  }
}

/** The server's source settings alone, for listings that need no selection (symbol discovery). */
function sourceSettings(s: Services): z.output<typeof sourceSchema> {
  const r = sourceSchema.safeParse(s.baseConfig.source ?? {})
  if (!r.success) throw new AppError('CONFIG_INVALID', `CE010 source: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  return r.data
}

/** The server's own credentials (the saved job config holds masked ones only). */
function baseCredentials(s: Services): Partial<JobConfig['s3_config']> {
  const c = (mergeConfig(s.baseConfig, {}).s3_config ?? {}) as Record<string, unknown>
  const pick = (k: string) => (typeof c[k] === 'string' ? { [k]: c[k] as string } : {})
  return { ...pick('access_key_id'), ...pick('secret_access_key'), ...pick('session_token'), ...pick('profile') }
}

export async function dispatch(handlers: Handlers, command: string, request: unknown): Promise<unknown> {
  if (!(command in commands)) throw new AppError('UNKNOWN_COMMAND', `Unknown command "${command}"`)
  const name = command as CommandName
  const parsed = commands[name].req.safeParse(request ?? {})
  if (!parsed.success) throw new AppError('BAD_REQUEST', `Invalid request for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const handler = handlers[name] as (req: unknown) => Promise<unknown>
  return handler(parsed.data)
}

/** Any thrown value as contract error data. */
export function toErrorData(err: unknown) {
  if (err instanceof AppError) return err.toData()
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
}
