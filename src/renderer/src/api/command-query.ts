// Query keys and calls derived from the contract's command table: a key is the command's own
// name plus its request, so a cache entry, its invalidation and its fetch can never disagree
// on spelling. Plain functions (no React), shared by the hooks and the job-event dispatcher.
import type { GroupedApi, CommandName, CommandRequest, CommandResponse } from '../../../shared/contract'

export type CommandKey<C extends CommandName> = readonly [C] | readonly [C, CommandRequest<C> | null]

/** `[name]` matches every entry of the command (for invalidation); `[name, request]` one entry. */
export function commandKey<C extends CommandName>(name: C, ...request: [] | [CommandRequest<C> | null]): CommandKey<C> {
  return request.length === 0 ? [name] : [name, request[0]]
}

type ByName = Record<string, Record<string, (request: unknown) => Promise<unknown>>>

/** Calls `domain:verb` on the grouped API (groupApi builds exactly that shape from the same names). */
export function callCommand<C extends CommandName>(api: GroupedApi, name: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
  const [domain, verb] = name.split(':')
  return (api as unknown as ByName)[domain][verb](request) as Promise<CommandResponse<C>>
}

/** Options for useQuery / queryClient.fetchQuery: the key and the call, from one name and request. */
export function commandQuery<C extends CommandName>(api: GroupedApi, name: C, request: CommandRequest<C>) {
  return { queryKey: commandKey(name, request), queryFn: () => callCommand(api, name, request) }
}
