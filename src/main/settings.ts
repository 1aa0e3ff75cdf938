// Server-side settings under a job: the user's job file wins field by field, nested objects merge.
type Json = Record<string, unknown>
const NESTED = ['s3_config', 'source', 'performance_optimization', 'pricing'] as const

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export function mergeConfig(base: Json, user: Json): Json {
  const out: Json = { ...base, ...user }
  for (const k of NESTED) if (isObj(base[k]) || isObj(user[k])) out[k] = { ...(isObj(base[k]) ? base[k] : {}), ...(isObj(user[k]) ? user[k] : {}) }
  return out
}
