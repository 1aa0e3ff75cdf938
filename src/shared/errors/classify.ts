// Facts about one failure → its row of the table, its class and the sentence a person reads. The
// adapters feed the facts: main's SDK adapter (engines/errors.ts) from the error's name, code and
// status; the s5cmd parser from the code and status in s5cmd's error text.
import type { ErrorClass } from '../contract'
import { ERROR_CLASSES, ERROR_CODES, NETWORK_TEXT, NO_CREDENTIALS_TEXT, RUNTIME, TROUBLESHOOTING, type ErrorRow, type TroubleshootingCode } from './table'

export interface ErrorFacts {
  /** Candidate codes, most specific first (an SDK error's name, then its `code`). */
  codes: readonly (string | undefined)[]
  status?: number
  text?: string
}

export interface Classified {
  errorClass: ErrorClass
  /** The table's code that matched, if one did. */
  code?: string
  row?: ErrorRow
  /** The service lacks the operation (the row says so, or HTTP 501/405): a capability, not a failure to retry. */
  unsupported: boolean
}

/** HTTP statuses that classify an error the table has no code for. */
function byStatus(status: number | undefined): ErrorClass | undefined {
  if (status === 403) return 'permission'
  if (status === 404) return 'not-found'
  if (status === 503 || status === 429) return 'throttled'
  return undefined
}

/** `fallback`: the class when nothing matches — s5cmd's own errors are `s5cmd`, the rest `other`. */
export function classifyFacts(f: ErrorFacts, fallback: ErrorClass = 'other'): Classified {
  const code = f.codes.find((c): c is string => c !== undefined && Object.hasOwn(ERROR_CODES, c))
  const row = code === undefined ? undefined : ERROR_CODES[code]
  const errorClass = row?.errorClass ?? byStatus(f.status) ?? (NETWORK_TEXT.test(f.text ?? '') ? 'network' : fallback)
  return { errorClass, code, row, unsupported: row?.unsupported === true || f.status === 501 || f.status === 405 }
}

/** The troubleshooting name for a failure (the pre-flight lines' code), with its fix. */
export function troubleshoot(c: Classified, text = ''): { code: TroubleshootingCode; fix: string } {
  const code: TroubleshootingCode =
    c.row?.troubleshooting ??
    (NO_CREDENTIALS_TEXT.test(text) ? 'NoCredentials' : c.errorClass === 'permission' ? 'AccessDenied' : c.errorClass === 'network' ? 'EndpointConnectionError' : 'Unknown')
  return { code, fix: TROUBLESHOOTING[code] }
}

/** `head` (the service's code and message) with the RE code and fix where the table has them. */
export function explain(head: string, c: Classified, bucket?: string): string {
  const re = ERROR_CLASSES[c.errorClass].code
  if (re) return `${head} (${re}: ${RUNTIME[re].message}${bucket ? ` on ${bucket}` : ''}; ${RUNTIME[re].fix})`
  return c.row?.fix ? `${head} (${c.row.fix})` : head
}

/** The reason given to every task not attempted once an AccessDenied stopped the job. */
export const notAttemptedAfterDenied = (bucket: string): string => `not attempted: stopped after AccessDenied on ${bucket} (RE002: ${RUNTIME.RE002.fix})`
