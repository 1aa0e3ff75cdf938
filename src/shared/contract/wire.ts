// Browser-mode wire format over one WebSocket (`/ws?token=...`). The handler table is the same
// as over Electron IPC; these frames only carry it.
import { z } from 'zod'
import { appErrorSchema, jobEventSchema, JOB_EVENT_CHANNEL, type ArchiveSyncApi, type CommandName, type CommandRequest, type CommandResponse } from './commands'

export const requestFrameSchema = z.object({ id: z.number().int(), command: z.string(), request: z.unknown() })
export type RequestFrame = z.infer<typeof requestFrameSchema>

export const serverFrameSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), response: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: appErrorSchema }),
  z.object({ event: z.literal(JOB_EVENT_CHANNEL), payload: jobEventSchema }),
])
export type ServerFrame = z.infer<typeof serverFrameSchema>

type Domain<C> = C extends `${infer D}:${string}` ? D : never
type Verb<C, D extends string> = C extends `${D}:${infer V}` ? V : never

/** The API grouped by domain (`api.jobs.start(...)`), as the preload exposes it. */
export type GroupedApi = {
  [D in Domain<CommandName>]: {
    [V in Verb<CommandName, D>]: (request: CommandRequest<`${D}:${V}` & CommandName>) => Promise<CommandResponse<`${D}:${V}` & CommandName>>
  }
} & { events: { onJob: ArchiveSyncApi['onJobEvent'] } }

export function groupApi(api: ArchiveSyncApi, names: readonly CommandName[]): GroupedApi {
  const out: Record<string, Record<string, unknown>> = { events: { onJob: api.onJobEvent.bind(api) } }
  for (const name of names) {
    const [domain, verb] = name.split(':')
    out[domain] ??= {}
    out[domain][verb] = (request: never) => api.invoke(name, request)
  }
  return out as unknown as GroupedApi
}
