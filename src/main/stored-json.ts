// Every persisted JSON file (job.json, report.json, destinations.json) is read the same way: JSON,
// then its zod schema. A file that is neither is an AppError that names the file and what is wrong,
// never data used half-read.
import type { z } from 'zod'
import { AppError } from '../shared/contract'

export function parseStored<S extends z.ZodType>(path: string, text: string, schema: S, corrupt: { code: string; what: string; fix?: string }): z.output<S> {
  const fix = corrupt.fix ? `; ${corrupt.fix}` : ''
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError(corrupt.code, `${path} is not JSON${fix}`)
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const first = parsed.error.issues[0]
  throw new AppError(corrupt.code, `${path} is not ${corrupt.what}: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unreadable'}${fix}`)
}
