// Fast boundary check for task-batch frames, the one frame type that can carry thousands of
// records at once. The zod schema costs tens of ms per 2,000 results before it warms up, enough
// to drop frames on its own (DESIGN §9: no frame over 50 ms); this checks the same rules in a
// plain loop and copies only the known fields, as zod's strip would.
import { ENGINES, OUTCOMES, errorClassSchema, type JobEvent, type TaskResult } from '../../../shared/contract'

const OUTCOME = new Set<string>(OUTCOMES)
const ENGINE = new Set<string>(ENGINES)
const ERROR_CLASS = new Set<string>(errorClassSchema.options)

type Loose = Record<string, unknown>
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

function taskResult(v: unknown): TaskResult | null {
  if (!isObj(v) || !isCount(v.id) || typeof v.outcome !== 'string' || !OUTCOME.has(v.outcome)) return null
  if (typeof v.bytes !== 'number' || !(v.bytes >= 0)) return null
  const r: TaskResult = { id: v.id, outcome: v.outcome as TaskResult['outcome'], bytes: v.bytes }
  if (v.engine !== undefined) {
    if (typeof v.engine !== 'string' || !ENGINE.has(v.engine)) return null
    r.engine = v.engine as TaskResult['engine']
  }
  if (v.reason !== undefined) {
    if (typeof v.reason !== 'string') return null
    r.reason = v.reason
  }
  if (v.errorClass !== undefined) {
    if (typeof v.errorClass !== 'string' || !ERROR_CLASS.has(v.errorClass)) return null
    r.errorClass = v.errorClass as TaskResult['errorClass']
  }
  if (v.key !== undefined) {
    if (typeof v.key !== 'string') return null
    r.key = v.key
  }
  if (v.attempts !== undefined) {
    if (!isCount(v.attempts)) return null
    r.attempts = v.attempts
  }
  return r
}

/**
 * The event when `frame` is a well-formed task-batch frame; null when it is not one (let the
 * zod path judge it); 'invalid' when it claims to be one but breaks the contract.
 */
export function parseTaskBatchFrame(frame: unknown): Extract<JobEvent, { type: 'task-batch' }> | null | 'invalid' {
  if (!isObj(frame) || frame.event !== 'jobs:event' || !isObj(frame.payload) || frame.payload.type !== 'task-batch') return null
  const p = frame.payload
  if (typeof p.jobId !== 'string' || !Array.isArray(p.results)) return 'invalid'
  const results: TaskResult[] = new Array(p.results.length)
  for (let i = 0; i < p.results.length; i += 1) {
    const r = taskResult(p.results[i])
    if (!r) return 'invalid'
    results[i] = r
  }
  return { type: 'task-batch', jobId: p.jobId, results }
}
