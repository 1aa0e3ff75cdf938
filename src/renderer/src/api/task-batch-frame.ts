// Fast boundary check for task-batch frames, the one frame type that can carry thousands of
// records at once. The zod schema costs tens of ms per 2,000 results before it warms up, enough
// to drop frames on its own (DESIGN §9: no frame over 50 ms). So the per-field checks are
// compiled once from taskResultSchema itself (through its JSON Schema, zod's public view of
// its rules) into plain loops that copy only the known fields, as zod's strip would: a field
// added to the schema is checked and kept here without anyone copying it.
import { z } from 'zod'
import { taskResultSchema, type JobEvent, type TaskResult } from '../../../shared/contract'

type Loose = Record<string, unknown>
type Check = (v: unknown) => boolean
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)

interface FieldRule {
  type?: unknown
  enum?: unknown[]
  minimum?: number
  maximum?: number
  pattern?: string
  [other: string]: unknown
}

/** The JSON Schema keywords a task result's fields use; any other keyword fails at load, not silently. */
const KNOWN = new Set(['type', 'enum', 'minimum', 'maximum', 'pattern', 'description'])

function compileField(name: string, rule: FieldRule): Check {
  const unknown = Object.keys(rule).filter((k) => !KNOWN.has(k))
  if (unknown.length > 0) throw new Error(`task-batch fast path: field ${name} uses ${unknown.join(', ')}; teach compileField or drop the fast path`)
  // One closure per type with its bounds as constants: this runs for every field of every result.
  const min = rule.minimum ?? Number.NEGATIVE_INFINITY
  const max = rule.maximum ?? Number.POSITIVE_INFINITY
  const allowed = rule.enum ? new Set(rule.enum) : null
  const re = rule.pattern !== undefined ? new RegExp(rule.pattern) : null
  switch (rule.type) {
    case 'string':
      return (v) => typeof v === 'string' && (allowed === null || allowed.has(v)) && (re === null || re.test(v))
    case 'number':
      return (v) => typeof v === 'number' && v >= min && v <= max && Number.isFinite(v)
    case 'integer':
      return (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max
    default:
      throw new Error(`task-batch fast path: field ${name} has type ${String(rule.type)}`)
  }
}

const json = z.toJSONSchema(taskResultSchema, { io: 'input' }) as { properties: Record<string, FieldRule>; required?: string[] }
const required = new Set(json.required ?? [])
const FIELDS = Object.entries(json.properties).map(([name, rule]) => ({ name, required: required.has(name), check: compileField(name, rule) }))

function taskResult(v: unknown): TaskResult | null {
  if (!isObj(v)) return null
  const r: Loose = {}
  for (let i = 0; i < FIELDS.length; i += 1) {
    const f = FIELDS[i]
    const value = v[f.name]
    if (value === undefined) {
      if (f.required) return null
      continue
    }
    if (!f.check(value)) return null
    r[f.name] = value
  }
  return r as TaskResult
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
