// One line of `s5cmd --json --log debug` output → a typed event. Shapes come from the lines
// recorded in reference/s5cmd.md and s5cmd 2.2.2's log/message.go: InfoMessage (success),
// DebugMessage (`job` key: skips, retry notices), ErrorMessage (`command` key: failures).
// Never throws: whatever does not fit is an `unknown` event, kept for the debug log.
import type { ErrorClass } from '../../../shared/contract'
import { classifyFacts, explain, type ErrorFacts } from '../../../shared/errors/classify'

export type S5cmdEvent =
  | { kind: 'success'; operation: string; source: string; destination: string }
  /** Printed only at `--log debug`: at the default level a skip prints nothing at all. */
  | { kind: 'skip'; operation: string; job: string; reason: string }
  /** A retry inside s5cmd, not tied to any object (the notice names none). */
  | { kind: 'retry'; error: string }
  | { kind: 'failure'; operation: string; command: string; error: string; errorClass: ErrorClass }
  /** A batch line s5cmd refused (unknown command, `run` inside run): the rest goes on, exit 0.
   *  `line` is what s5cmd printed; 2.2.2 reads it racily, so it does not identify the line. */
  | { kind: 'bad-line'; command: string; error: string; line?: number }
  /** Any other error not tied to one object (the whole run, a usage error). */
  | { kind: 'error'; operation?: string; command?: string; error: string; errorClass: ErrorClass }
  /** `--stat` summary at exit: `success`/`error` are counts here, not a boolean. */
  | { kind: 'stat'; operation: string; success: number; error: number }
  | { kind: 'unknown'; line: string; why: string }

export type Stream = 'stdout' | 'stderr'

/** Texts of s5cmd's "warning" errors (error/error.go): the object was deliberately not copied. */
const SKIP_TEXTS = [
  'object size matches',
  'object already exists',
  'object is newer or same age',
  'object is newer or same age and object size matches',
] as const

const isSkipText = (s: string): boolean => (SKIP_TEXTS as readonly string[]).includes(s.trim())

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** Parse one line. `stream` is informational: s5cmd's key names, not the stream, decide the kind. */
export function parseLine(line: string, _stream: Stream = 'stdout'): S5cmdEvent | null {
  const text = line.trim()
  if (text === '') return null
  let obj: unknown
  try {
    obj = JSON.parse(text)
  } catch {
    return { kind: 'unknown', line, why: 'not JSON' }
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return { kind: 'unknown', line, why: 'not a JSON object' }
  const o = obj as Record<string, unknown>
  const operation = str(o.operation)
  const error = str(o.error)

  if (o.success === true && operation) {
    const source = str(o.source)
    const destination = str(o.destination)
    if (source !== undefined && destination !== undefined) return { kind: 'success', operation, source, destination }
    return { kind: 'unknown', line, why: 'success without source and destination' }
  }
  if (typeof o.success === 'number' && typeof o.error === 'number' && operation)
    return { kind: 'stat', operation, success: o.success, error: o.error }

  if (error === undefined) return { kind: 'unknown', line, why: 'no success and no error' }

  const job = str(o.job)
  if (job !== undefined) {
    // DebugMessage: skips are the only per-object debug lines in 2.2.2; anything else is logged.
    if (isSkipText(error)) return { kind: 'skip', operation: operation ?? job.split(' ')[0]!, job, reason: error.trim() }
    return { kind: 'unknown', line, why: `debug line with an unexpected error text` }
  }
  if (operation === undefined && /^retryable error:/.test(error)) return { kind: 'retry', error }

  const command = str(o.command)
  if (operation === 'run') {
    const m = /\(line: (\d+)\)/.exec(error)
    if (m && / command \(line: \d+\) (not found|is not permitted in run-mode)/.test(error))
      return { kind: 'bad-line', command: command ?? 'run', error, line: Number(m[1]) }
    return { kind: 'error', operation, command, error, errorClass: classifyS5cmdError(error) }
  }
  if (operation !== undefined && command !== undefined && command.startsWith(`${operation} `))
    return { kind: 'failure', operation, command, error, errorClass: classifyS5cmdError(error) }
  return { kind: 'error', operation, command, error, errorClass: classifyS5cmdError(error) }
}

/**
 * s5cmd's error text → the facts the one error table reads. aws-sdk-go v1 prints
 * `Code: message status code: N, request id: ...`; a wrapped error names its code further in
 * (`RequestError: send request failed caused by: ...`), so every known code in the text counts,
 * the head first.
 */
function s5cmdErrorFacts(error: string): ErrorFacts {
  const head = /^\s*([A-Za-z][A-Za-z0-9]*):/.exec(error)?.[1]
  const status = /status code: (\d{3})\b/.exec(error)?.[1]
  return { codes: [head, ...(error.match(/\b[A-Z][A-Za-z]+\b/g) ?? [])], status: status === undefined ? undefined : Number(status), text: error }
}

/** The report's class for an s5cmd error text; what the table does not know is s5cmd's own (`s5cmd`). */
export const classifyS5cmdError = (error: string): ErrorClass => classifyFacts(s5cmdErrorFacts(error), 's5cmd').errorClass

/** The error as a person reads it, with the RE code and fix from the table (spec §7.1.2). */
export function describeS5cmdError(error: string, errorClass?: ErrorClass): string {
  const c = classifyFacts(s5cmdErrorFacts(error), 's5cmd')
  return explain(error, errorClass ? { ...c, errorClass } : c)
}

/**
 * Split `cp SRC DST` (URLs unquoted, space-separated) into the pair, using the known pairs of the
 * batch: a key may contain spaces, so the first space is not necessarily the separator.
 */
export function splitCommand(command: string, known: (source: string, destination: string) => boolean): { operation: string; source: string; destination: string } | null {
  const sp = command.indexOf(' ')
  if (sp < 0) return null
  const operation = command.slice(0, sp)
  // Errors outside the copy itself (flag validation, URL parsing) print commandFromContext():
  // `cp --raw=true --source-region=R SRC DST`. URLs start with s3://, so `--` tokens are flags.
  const rest = command.slice(sp + 1).replace(/^(?:--\S+ )+/, '')
  let candidate: { operation: string; source: string; destination: string } | null = null
  for (let i = rest.indexOf(' s3://'); i >= 0; i = rest.indexOf(' s3://', i + 1)) {
    const source = rest.slice(0, i)
    const destination = rest.slice(i + 1)
    if (known(source, destination)) return { operation, source, destination }
    candidate ??= { operation, source, destination }
  }
  return candidate
}
