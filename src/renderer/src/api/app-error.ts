// Every failure the UI shows is reduced to the contract's error data: a code to branch on, a
// message to read and, for config errors, the CE issues to show beside the form.
import { appErrorSchema, type AppErrorData } from '../../../shared/contract'

export type { AppErrorData }

/** Codes the client itself produces (the server's come from the handler table). */
export const CLIENT_ERRORS = {
  disconnected: 'DISCONNECTED',
  badResponse: 'BAD_RESPONSE',
  noConnection: 'NO_CONNECTION',
  unknown: 'UNKNOWN',
} as const

export class ClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: AppErrorData['issues'],
  ) {
    super(message)
    this.name = 'ClientError'
  }
}

/**
 * Electron's ipcRenderer.invoke keeps only the message of a thrown error, so the preload may
 * reject with plain data, an Error, or an Error whose message is the JSON of the data.
 */
export function toAppError(e: unknown): AppErrorData {
  const direct = appErrorSchema.safeParse(e)
  if (direct.success) return direct.data
  if (e instanceof Error) {
    const json = e.message.match(/\{.*\}\s*$/s)?.[0]
    if (json) {
      try {
        const inner = appErrorSchema.safeParse(JSON.parse(json))
        if (inner.success) return inner.data
      } catch {
        // not JSON after all: fall through to the plain message
      }
    }
    return { code: CLIENT_ERRORS.unknown, message: e.message }
  }
  return { code: CLIENT_ERRORS.unknown, message: String(e) }
}
