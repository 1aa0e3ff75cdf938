// The one door of the handler table: both transports call `dispatch`, which finds the command
// among the table's own names and parses the request with the contract's schema first.
import type { z } from 'zod'
import { AppError, commands, type CommandName } from '../../shared/contract'
import { formatIssues, type ConfigIssue } from '../../shared/config/codes'
import type { Handlers } from './types'

/** Keys a connection may not send come back as their CE codes (config/client.ts), not as a bare BAD_REQUEST. */
function configIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((i) => {
    const carried = i.code === 'custom' ? (i.params as { configIssue?: ConfigIssue } | undefined)?.configIssue : undefined
    return carried ? [carried] : []
  })
}

export async function dispatch(handlers: Handlers, command: string, request: unknown): Promise<unknown> {
  // Own names only: `constructor`, `__proto__` or `toString` are not commands.
  if (!Object.hasOwn(commands, command) || !Object.hasOwn(handlers, command)) throw new AppError('UNKNOWN_COMMAND', `Unknown command "${command}"`)
  const name = command as CommandName
  const parsed = commands[name].req.safeParse(request ?? {})
  if (!parsed.success) {
    const issues = configIssues(parsed.error)
    if (issues.length > 0) throw new AppError('CONFIG_INVALID', formatIssues(issues), issues)
    throw new AppError('BAD_REQUEST', `Invalid request for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  }
  const handler = handlers[name] as (req: unknown) => Promise<unknown>
  return handler(parsed.data)
}

/** Any thrown value as contract error data. */
export function toErrorData(err: unknown) {
  if (err instanceof AppError) return err.toData()
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
}
