// The job settings beyond the selection, with their choices and ranges read from the config
// schema itself (src/shared/config/schema.ts): a new range or enum value there shows up in the
// form without a second list to keep in step.
import { z } from 'zod'
import { performanceSchema, rawConfigSchema } from '../../../shared/config/schema'

export type PerfKey = 'batch_size' | 'part_size_mb' | 'retry_count'
export type EnumKey = 'operation_mode' | 'sync_mode' | 'verify' | 'destination_layout'

export interface JobSettings {
  operation_mode: string
  sync_mode: string
  verify: string
  destination_layout: string
  include_checksums: boolean
  /** daily/monthly come from the dataset select; auto plans both where the data type has both. */
  frequencyAuto: boolean
  batch_size: number
  part_size_mb: number
  retry_count: number
  profile: string
  region: string
}

export interface RangeSpec {
  key: PerfKey | 'max_concurrent'
  min: number
  max: number
  default: number
}

/** Ranges and defaults of performance_optimization, from its zod schema. */
export function perfRange(key: RangeSpec['key']): RangeSpec {
  const field = performanceSchema.shape[key]
  const inner = field.unwrap()
  return { key, min: inner.minValue ?? 0, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER, default: field.parse(undefined) }
}

/** The choices of an enum field of the job file, from its zod schema. */
export function enumChoices(key: EnumKey): string[] {
  const inner: unknown = rawConfigSchema.shape[key].unwrap()
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : []
}

const dflt = <K extends keyof typeof rawConfigSchema.shape>(key: K) => rawConfigSchema.shape[key].parse(undefined)

export const DEFAULT_SETTINGS: JobSettings = {
  operation_mode: String(dflt('operation_mode')),
  sync_mode: String(dflt('sync_mode')),
  verify: String(dflt('verify')),
  destination_layout: String(dflt('destination_layout')),
  include_checksums: Boolean(dflt('include_checksums')),
  frequencyAuto: false,
  batch_size: perfRange('batch_size').default,
  part_size_mb: perfRange('part_size_mb').default,
  retry_count: perfRange('retry_count').default,
  profile: '',
  region: '',
}

/** The job-file fields these settings stand for (merged into the selection's config). */
function settingsConfig(s: JobSettings, maxConcurrent: number): Record<string, unknown> {
  const s3 = { ...(s.profile ? { profile: s.profile } : {}), ...(s.region ? { region: s.region } : {}) }
  return {
    operation_mode: s.operation_mode,
    sync_mode: s.sync_mode,
    verify: s.verify,
    destination_layout: s.destination_layout,
    include_checksums: s.include_checksums,
    ...(s.frequencyAuto ? { frequency: 'auto' } : {}),
    performance_optimization: { max_concurrent: maxConcurrent, batch_size: s.batch_size, part_size_mb: s.part_size_mb, retry_count: s.retry_count },
    ...(Object.keys(s3).length > 0 ? { s3_config: s3 } : {}),
  }
}

/** The settings merged over the selection's job file: the settings win field by field. */
export function mergeSettings(base: Record<string, unknown>, s: JobSettings, maxConcurrent: number): Record<string, unknown> {
  return { ...base, ...settingsConfig(s, maxConcurrent) }
}
