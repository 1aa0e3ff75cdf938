// The one way components read and change server state: a contract command by name. Query keys
// come from commandKey, so no component spells a cache key by hand.
import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query'
import type { CommandName, CommandRequest, CommandResponse } from '../../../shared/contract'
import { useApi } from '../api/api-context'
import { toAppError, type AppErrorData } from '../api/app-error'
import { callCommand, commandKey, type CommandKey } from '../api/command-query'

type QueryOptions<C extends CommandName> = Omit<UseQueryOptions<CommandResponse<C>, Error, CommandResponse<C>, CommandKey<C>>, 'queryKey' | 'queryFn' | 'enabled'> & {
  enabled?: boolean
}

/** A query of `name` with `request`; a null request waits (the query is disabled). */
export function useCommand<C extends CommandName>(name: C, request: CommandRequest<C> | null, options: QueryOptions<C> = {}) {
  const api = useApi()
  return useQuery({
    ...options,
    queryKey: commandKey(name, request),
    queryFn: () => callCommand(api, name, request as CommandRequest<C>),
    enabled: request !== null && (options.enabled ?? true),
  })
}

type MutationOptions<C extends CommandName> = Omit<UseMutationOptions<CommandResponse<C>, Error, CommandRequest<C>>, 'mutationFn'>

/** A command that changes something, run on demand; `appError` is its failure in the contract's words. */
export function useCommandMutation<C extends CommandName>(name: C, options: MutationOptions<C> = {}) {
  const api = useApi()
  const mutation = useMutation({ ...options, mutationFn: (request: CommandRequest<C>) => callCommand(api, name, request) })
  return { ...mutation, appError: appErrorOf(mutation.error) }
}

export function appErrorOf(error: unknown): AppErrorData | null {
  return error ? toAppError(error) : null
}
