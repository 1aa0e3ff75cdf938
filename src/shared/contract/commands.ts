// The one table of commands (`domain:verb`, request → response) and the one event stream.
// Both transports (Electron IPC, WebSocket) bind this table and parse every input with it.
import { z } from 'zod'
import { clientConfigSchema } from '../config/client'
import { jobStateSchema, planSummarySchema, reportSchema, snapshotSchema, taskResultSchema } from './model'
import { workbenchCommands } from './workbench'
import { previewCommands } from './preview'

/** A client config (keys a connection may set, config/client.ts); values validated in main by validateConfig (CE codes). */
const configInput = clientConfigSchema
const jobRef = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })
const planIdSchema = z.uuid()
const ok = z.object({ ok: z.literal(true) })

export const configIssueSchema = z.object({ code: z.string(), field: z.string(), message: z.string(), fix: z.string() })

const jobSummarySchema = z.object({
  jobId: z.string(),
  state: jobStateSchema,
  createdAt: z.string(),
  label: z.string(),
  snapshot: snapshotSchema.nullable(),
  report: reportSchema.nullable(),
})
export type JobSummary = z.infer<typeof jobSummarySchema>

const appInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'websocket']),
  demo: z.boolean(),
  /** Defaults the server fills into a job; credentials are never included. */
  defaults: z.object({
    sourceBucket: z.string(),
    sourceEndpoint: z.string().nullable(),
    destinationBucket: z.string().nullable(),
    destinationPrefix: z.string(),
    destinationEndpoint: z.string().nullable(),
    credentials: z.string(),
  }),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const commands = {
  'app:info': { req: z.object({}), res: appInfoSchema },
  /** Where downloads land: the output root. `choose` opens the desktop app's folder dialog (browser mode: the root given to serve). */
  'app:outputRoot': { req: z.object({ choose: z.boolean().optional() }), res: z.object({ path: z.string(), canChoose: z.boolean() }) },
  /** Any object: the answer lists every issue, refused keys (CE017/CE018) included, instead of refusing the request. */
  'config:validate': {
    req: z.object({ config: z.record(z.string(), z.unknown()) }),
    res: z.object({ ok: z.boolean(), issues: z.array(configIssueSchema) }),
  },
  'catalog:symbols': {
    req: z.object({ market: z.string(), frequency: z.enum(['daily', 'monthly']), dataType: z.string(), refresh: z.boolean().optional() }),
    res: z.object({ symbols: z.array(z.string()), cachedAt: z.string().optional() }),
  },
  /** The plan of a config, made once and held a few minutes; `refresh` lists again. `planId` is what Start sends back. */
  'plan:preview': { req: z.object({ config: configInput, refresh: z.boolean().optional() }), res: planSummarySchema.extend({ planId: planIdSchema }) },
  /** With `planId` the job copies exactly that previewed plan (refused when it expired); without, the config's plan. */
  'jobs:start': { req: z.object({ config: configInput, planId: planIdSchema.optional() }), res: z.object({ jobId: z.string() }) },
  'jobs:cancel': { req: jobRef, res: ok },
  /** Pause stops dispatching new work (in-flight copies finish); continue picks up where it held. */
  'jobs:pause': { req: jobRef, res: ok },
  'jobs:continue': { req: jobRef, res: ok },
  /** Continue an interrupted job from its journal: finished tasks are not redone. */
  'jobs:resume': { req: jobRef, res: z.object({ jobId: z.string() }) },
  'jobs:status': { req: jobRef, res: jobSummarySchema },
  'jobs:list': { req: z.object({}), res: z.object({ jobs: z.array(jobSummarySchema) }) },
  'jobs:report': { req: jobRef, res: reportSchema },
  ...workbenchCommands,
  ...previewCommands,
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandRequest<C extends CommandName> = z.input<Commands[C]['req']>
export type CommandResponse<C extends CommandName> = z.output<Commands[C]['res']>
export const COMMAND_NAMES = Object.keys(commands) as CommandName[]

export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), jobId: z.string(), snapshot: snapshotSchema }),
  z.object({ type: z.literal('task-batch'), jobId: z.string(), results: z.array(taskResultSchema) }),
  z.object({ type: z.literal('state'), jobId: z.string(), state: jobStateSchema, message: z.string().optional() }),
  z.object({ type: z.literal('log'), jobId: z.string(), level: z.enum(['debug', 'info', 'warn', 'error']), message: z.string() }),
])
export type JobEvent = z.infer<typeof jobEventSchema>
export const JOB_EVENT_CHANNEL = 'jobs:event'

/** Errors cross the boundary as data: a code the UI can branch on and a message a person can act on. */
export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(configIssueSchema).optional(),
})
export type AppErrorData = z.infer<typeof appErrorSchema>

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: z.infer<typeof configIssueSchema>[],
  ) {
    super(message)
    this.name = 'AppError'
  }
  toData(): AppErrorData {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) }
  }
}

/** The typed API both the preload bridge and the WebSocket client implement. */
export interface ArchiveSyncApi {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>>
  onJobEvent(listener: (event: JobEvent) => void): () => void
}
