// The SDK side's adapter to the one error table (src/shared/errors): an SDK, HTTP or Node error →
// the facts the table reads (its name, code and HTTP status), so every caller in main — engines,
// planning, verification, pre-flight — sorts an error the same way.
import type { ErrorClass } from '../../shared/contract'
import { classifyFacts, explain, type Classified } from '../../shared/errors/classify'

interface SdkLikeError {
  name?: string
  code?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

const asError = (err: unknown): SdkLikeError => (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SdkLikeError

/** The table's verdict on an error thrown in main. */
export function classifySdkError(err: unknown): Classified {
  const e = asError(err)
  return classifyFacts({ codes: [e.name, e.code, e.Code], status: e.$metadata?.httpStatusCode, text: e.message })
}

export const classifyError = (err: unknown): ErrorClass => classifySdkError(err).errorClass

/** The service does not implement what was asked (s3rver and UploadPartCopy, some compatibles and checksums). */
export const isNotImplemented = (err: unknown): boolean => classifySdkError(err).unsupported

/** The error as a person reads it: the service's code and message, plus the RE code and fix where the table has them. */
export function describeError(err: unknown, bucket?: string): string {
  const e = asError(err)
  const head = [e.name && e.name !== 'Error' ? e.name : e.code, e.message].filter(Boolean).join(': ') || String(err)
  return explain(head, classifySdkError(err), bucket)
}
