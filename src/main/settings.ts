// Server-side settings under a job: the job's fields win field by field, nested objects merge.
// A connection's config reaches this only after its keys were checked (handlers/resolve.ts), so
// what it can win over is the data it may choose, never binaries, endpoints or credentials.
type Json = Record<string, unknown>
const NESTED = ['s3_config', 'source', 'performance_optimization', 'pricing'] as const

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export function mergeConfig(base: Json, user: Json): Json {
  const out: Json = { ...base, ...user }
  for (const k of NESTED) if (isObj(base[k]) || isObj(user[k])) out[k] = { ...(isObj(base[k]) ? base[k] : {}), ...(isObj(user[k]) ? user[k] : {}) }
  return out
}
