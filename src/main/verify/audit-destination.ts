// `archive-sync audit`: the completeness check on copies already at the destination. It reads
// them (a GET each from S3, a file read locally), so it first says how much it will read and
// what that costs; the caller decides whether to go on.
import pMap from 'p-map'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { Readable } from 'node:stream'
import { checkKindOf, type CompletenessReport } from '../../shared/completeness'
import type { JobConfig } from '../../shared/config/validate'
import { estimateRead } from '../../shared/estimate'
import { containedPath } from '../local/contained'
import { makePlan } from '../plan/make-plan'
import { listAll } from '../s3/list'
import { streamCheckFor } from './zip-stream-check'

interface AuditTarget {
  sourceKey: string
  destKey: string
  size: number
}

export interface AuditPlan {
  targets: AuditTarget[]
  /** Planned kline/trade zips the destination does not have (nothing to read). */
  absent: number
  estimate: ReturnType<typeof estimateRead>
  /** Local reads cost nothing; S3 reads are GETs. */
  where: 's3' | 'local'
}

export async function planAudit(config: JobConfig, clients: { source: S3Client; destination?: S3Client }, signal?: AbortSignal): Promise<AuditPlan> {
  const plan = await makePlan({ ...config, enable_incremental: false, sync_mode: 'copy' }, { source: clients.source, signal })
  const zips = plan.tasks.filter((t) => checkKindOf(t.sourceKey, config.source.prefix) !== undefined)
  const present = new Map<string, number>()
  if (config.output_directory) {
    await pMap(zips, async (t) => {
      const s = await stat(containedPath(config.output_directory!, t.destKey)).catch(() => undefined)
      if (s?.isFile()) present.set(t.destKey, s.size)
    }, { concurrency: 16 })
  } else {
    const folders = [...new Set(zips.map((t) => `${dirname(t.destKey)}/`))]
    await pMap(folders, async (prefix) => {
      const r = await listAll(clients.destination!, config.destination_bucket!, prefix, { signal })
      for (const o of r.objects) present.set(o.key, o.size)
    }, { concurrency: 8 })
  }
  const targets = zips.filter((t) => present.has(t.destKey)).map((t) => ({ sourceKey: t.sourceKey, destKey: t.destKey, size: present.get(t.destKey)! }))
  const bytes = targets.reduce((n, t) => n + t.size, 0)
  const where = config.output_directory ? 'local' : 's3'
  const estimate = where === 'local' ? { requests: 0, bytes, costUsd: 0, needsConfirm: false } : estimateRead(config.pricing, targets.length, bytes)
  return { targets, absent: zips.length - targets.length, estimate, where }
}

export async function runAudit(config: JobConfig, a: AuditPlan, destination: S3Client | undefined, signal?: AbortSignal): Promise<CompletenessReport[]> {
  const open = async (t: AuditTarget): Promise<Readable> => {
    if (config.output_directory) return createReadStream(containedPath(config.output_directory, t.destKey))
    const got = await destination!.send(new GetObjectCommand({ Bucket: config.destination_bucket!, Key: t.destKey }), { abortSignal: signal })
    return got.Body as Readable
  }
  const reports = await pMap(a.targets, async (t) => {
    const check = streamCheckFor(t.sourceKey, config.source.prefix)!
    for await (const chunk of await open(t)) check.push(chunk as Uint8Array)
    return check.finish()
  }, { concurrency: Math.max(1, config.performance_optimization.max_concurrent) })
  return reports.filter((r): r is CompletenessReport => r !== undefined)
}
