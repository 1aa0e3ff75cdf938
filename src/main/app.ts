// Wires the services once, for every entry point (Electron, browser mode, CLI).
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { AppInfo } from '../shared/contract'
import { stripUserinfo } from '../shared/config/endpoint'
import type { JobConfig } from '../shared/config/validate'
import { locateForJob } from './engines/route/choose-route'
import type { S5cmdLocation } from './engines/s5cmd/locate'
import { makeHandlers, type Handlers, type Services } from './handlers'
import { JobManager } from './jobs/job-manager'
import { hashConfig } from './jobs/journal'
import { PlanCache } from './plan/plan-cache'
import { planConfig } from './plan/make-plan'
import { mask } from '../shared/redact'

export interface AppOptions {
  dataDir?: string
  baseConfig?: Record<string, unknown>
  transport: AppInfo['transport']
  demo?: boolean
  env?: Readonly<Record<string, string | undefined>>
  snapshotMs?: number
  locateS5cmd?: (config: JobConfig) => Promise<S5cmdLocation>
  /** Where a connection's downloads land (default `<dataDir>/downloads`). */
  outputRoot?: string
  /** The desktop app's native folder dialog for the output root. */
  chooseOutputRoot?: () => Promise<string | undefined>
}

export interface App {
  services: Services
  handlers: Handlers
  dataDir: string
  close(): Promise<void>
}

const VERSION = '0.1.0'

export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.ARCHIVE_SYNC_HOME ?? join(homedir(), '.archive-sync')
}

export function createApp(opts: AppOptions): App {
  const env = opts.env ?? process.env
  const dataDir = opts.dataDir ?? defaultDataDir(env)
  const base = opts.baseConfig ?? {}
  const s3 = (base.s3_config ?? {}) as Record<string, string | undefined>
  const source = (base.source ?? {}) as Record<string, string | undefined>
  const locate = opts.locateS5cmd ?? locateForJob
  const jobs = new JobManager(dataDir, locate, opts.snapshotMs)
  const info: AppInfo = {
    version: VERSION,
    transport: opts.transport,
    demo: opts.demo ?? false,
    defaults: {
      sourceBucket: source.bucket ?? 'data.binance.vision',
      sourceEndpoint: source.endpoint_url ? stripUserinfo(source.endpoint_url) : null,
      destinationBucket: (base.destination_bucket as string | undefined) ?? env.S3_DESTINATION_BUCKET ?? null,
      destinationPrefix: (base.destination_prefix as string | undefined) ?? env.S3_DESTINATION_PREFIX ?? '',
      destinationEndpoint: s3.endpoint_url ? stripUserinfo(s3.endpoint_url) : null,
      credentials: s3.access_key_id ? `access key ${mask(s3.access_key_id)}` : s3.profile ? `profile ${s3.profile}` : 'AWS default chain',
    },
  }
  const output = { path: resolve(opts.outputRoot ?? join(dataDir, 'downloads')), choose: opts.chooseOutputRoot }
  const plans = new PlanCache(async (c) => planConfig(c, { measured: await jobs.lastThroughput() }), hashConfig)
  // A job that ends has changed some destination (and the measured speed): later previews list again.
  const offJobs = jobs.onEvent((e) => {
    if (e.type === 'state' && ['completed', 'failed', 'cancelled'].includes(e.state)) plans.clear()
  })
  const services: Services = { jobs, plans, baseConfig: base, info, env, dataDir, output }
  return { services, handlers: makeHandlers(services), dataDir, close: () => (offJobs(), plans.clear(), jobs.close()) }
}
