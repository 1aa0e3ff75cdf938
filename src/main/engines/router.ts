// The router: which engine moves a job's objects, and why (DESIGN §6, spec §3.1.2, §7.2).
import type { Engine } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { sameService } from '../s3/clients'
import type { Endpoint } from './types'

export interface S5cmdStatus {
  found: boolean
  path?: string
  version?: string
  supported?: boolean
  reason?: string
}

export interface Route {
  engine: Engine
  reason: string
  /** Spec fallback triggers (RE001 ...) recorded in the report. */
  fallbacks: string[]
}

export function chooseRoute(config: JobConfig, src: Endpoint, dst: Endpoint, s5cmd: S5cmdStatus): Route {
  if (config.output_directory) return { engine: 'download', reason: 'destination is a local folder', fallbacks: [] }
  const traditional = config.operation_mode === 'traditional' || !config.enable_s3_direct_sync
  if (traditional)
    return { engine: 'sdk-stream', reason: config.operation_mode === 'traditional' ? 'operation_mode is traditional' : 'enable_s3_direct_sync is off', fallbacks: [] }
  if (!sameService(src, dst))
    return { engine: 'sdk-stream', reason: 'source and destination are on different endpoints: no server-side copy possible', fallbacks: [] }
  const usable = s5cmd.found && s5cmd.supported
  if (usable) return { engine: 's5cmd', reason: `s5cmd ${s5cmd.version} found at ${s5cmd.path}`, fallbacks: [] }
  const why = s5cmd.found ? `s5cmd ${s5cmd.version} is older than 2.2.2` : 's5cmd not found'
  const fallbacks = config.operation_mode === 'direct_sync' ? [`RE001: ${why}; fell back to the SDK server-side copy`] : []
  return { engine: 'sdk-copy', reason: `${why}; server-side CopyObject through the AWS SDK`, fallbacks }
}
