// An S3/SDK error → the troubleshooting table's name for it and the fix a person can act on
// (spec 004 "Troubleshooting"), both read from the one error table.
import { troubleshoot } from '../../shared/errors/classify'
import { TROUBLESHOOTING, type TroubleshootingCode } from '../../shared/errors/table'
import { classifySdkError } from '../s3/errors'

export const FIXES: Record<TroubleshootingCode, string> = TROUBLESHOOTING

export function classifyS3Error(err: unknown): { code: TroubleshootingCode; message: string } {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as { name?: string; code?: string; Code?: string; message?: string }
  const name = e.name ?? e.Code ?? e.code ?? ''
  const c = classifySdkError(err)
  const message = c.row?.message ?? (e.message || name || 'unknown error')
  return { code: troubleshoot(c, message).code, message }
}
