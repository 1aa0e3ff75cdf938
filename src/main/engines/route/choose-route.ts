// The route, per job: which engine moves a job's objects, and why (DESIGN §6, spec §3.1.2, §7.2).
// Per task, the direct route (direct-engine.ts) sends to the SDK what s5cmd cannot carry
// (carriable.ts) and what s5cmd failed for a retryable cause; confirm-route.ts may turn a
// server-side route into a stream when the archive refuses signed reads. Every decision has a
// reason and every fallback is recorded for the report.
//   local folder                      → download (SDK: hash while streaming, fsync); s5cmd when
//                                       operation_mode is direct_sync and s5cmd is usable
//   traditional / direct sync off     → traditional: the spec's download-then-upload cycle via temp files
//   source.https_base set             → sdk-stream (CopyObject cannot read an HTTPS URL); downloads use the SDK
//   different endpoints               → sdk-stream: no server-side copy can cross services
//   same endpoint, s5cmd ≥ 2.2.2      → s5cmd (uncarriable keys and retryable failures go to the SDK)
//   same endpoint, no usable s5cmd    → sdk-copy (server-side); RE001 recorded when direct_sync asked for s5cmd
//   operation_mode batch_operations   → batch-operations (src/main/batch-ops: the job is S3's, built with its job folder)
import type { Engine } from '../../../shared/contract'
import type { JobConfig } from '../../../shared/config/validate'
import { routeMode, sameService } from '../../../shared/route-mode'
import type { Endpoint } from '../../s3/clients'
import { isUsable, locateS5cmd, MIN_SUPPORTED_VERSION, type S5cmdLocation } from '../s5cmd/locate'

export interface Route {
  engine: Engine
  reason: string
  /** Spec fallback triggers (RE001 ...) recorded in the report. */
  fallbacks: string[]
}

type RouteConfig = Pick<JobConfig, 'operation_mode' | 'enable_s3_direct_sync' | 'output_directory'>

/** s5cmd is looked up only when the job could use it. */
export async function locateForJob(config: RouteConfig & Pick<JobConfig, 's5cmd_path'>): Promise<S5cmdLocation> {
  // Downloads use s5cmd only when asked for (direct_sync): the SDK path hashes while streaming.
  if (config.output_directory ? config.operation_mode !== 'direct_sync' : config.operation_mode === 'traditional' || !config.enable_s3_direct_sync)
    return { found: false, reason: 'not needed for this job' }
  return locateS5cmd({ explicitPath: config.s5cmd_path })
}

export function chooseRoute(config: RouteConfig, src: Endpoint, dst: Endpoint, s5cmd: S5cmdLocation): Route {
  const asked = config.operation_mode === 'direct_sync'
  switch (routeMode({ ...config, httpsSource: Boolean(src.httpsBase), sameService: sameService(src.endpointUrl, dst.endpointUrl) })) {
    case 'batch-operations':
      return { engine: 'batch-operations', reason: 'operation_mode is batch_operations: S3 Batch Operations copies the manifest (S3PutObjectCopy)', fallbacks: [] }
    case 'download': {
      if (src.httpsBase) return { engine: 'download', reason: `destination is a local folder (${config.output_directory}); source bytes come from the HTTPS archive`, fallbacks: [] }
      if (asked && isUsable(s5cmd)) return { engine: 's5cmd', reason: `download to ${config.output_directory} through s5cmd ${s5cmd.version}`, fallbacks: [] }
      const fallbacks = asked ? [`RE001: s5cmd not usable (${s5cmd.reason ?? 'too old'}); downloaded through the SDK`] : []
      return { engine: 'download', reason: `destination is a local folder (${config.output_directory})`, fallbacks }
    }
    case 'traditional':
      return config.operation_mode === 'traditional'
        ? { engine: 'traditional', reason: 'operation_mode is traditional: download to a temp file, upload, delete', fallbacks: [] }
        : { engine: 'traditional', reason: 'enable_s3_direct_sync is off: the traditional download-then-upload cycle', fallbacks: [] }
    case 'stream': {
      if (src.httpsBase) return { engine: 'sdk-stream', reason: 'source bytes come from the HTTPS archive', fallbacks: asked ? ['direct_sync impossible: source bytes come from the HTTPS archive; streamed through this machine'] : [] }
      const why = `source (${src.endpointUrl ?? 'AWS'}) and destination (${dst.endpointUrl ?? 'AWS'}) are on different endpoints: no server-side copy possible; streamed through this machine`
      return { engine: 'sdk-stream', reason: why, fallbacks: asked ? [`direct_sync impossible: ${why}`] : [] }
    }
    case 'server-side': {
      if (isUsable(s5cmd)) return { engine: 's5cmd', reason: `s5cmd ${s5cmd.version} found at ${s5cmd.path}`, fallbacks: [] }
      const why = s5cmd.found ? `s5cmd ${s5cmd.version} at ${s5cmd.path} is older than ${MIN_SUPPORTED_VERSION}` : `s5cmd not found (${s5cmd.reason})`
      const fallbacks = asked ? [`RE001: ${why}; fell back to the SDK server-side copy`] : []
      return { engine: 'sdk-copy', reason: `${why}; server-side CopyObject through the AWS SDK`, fallbacks }
    }
  }
}
