// preflight:run — the spec's pre-flight checklist as live checks before Start: credentials,
// destination writable (a probe object written and deleted), source reachable, s5cmd, regions.
// Every line says ok / warn / fail and, when not ok, the fix.
import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { PreflightLine, PreflightResult } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import type { S5cmdLocation } from '../engines/s5cmd/locate'
import { locateS5cmd } from '../engines/s5cmd/locate'
import { mask } from '../../shared/redact'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { classifyS3Error, FIXES } from './classify'
import { bucketRegion } from './region'

export interface PreflightDeps {
  locate?: (explicitPath?: string) => Promise<S5cmdLocation>
}

const fail = (check: PreflightLine['check'], title: string, err: unknown): PreflightLine => {
  const { code, message } = classifyS3Error(err)
  return { check, status: 'fail', title, detail: message, code, fix: FIXES[code] }
}

function credentialSource(c: JobConfig): string {
  const s = c.s3_config
  if (s.access_key_id && s.secret_access_key) return `explicit keys (access key ${mask(s.access_key_id)})`
  if (s.profile) return `profile "${s.profile}"`
  return 'the AWS default chain (environment, shared files, SSO, instance role)'
}

async function checkCredentials(c: JobConfig, client: S3Client | undefined): Promise<PreflightLine> {
  const title = 'Credentials'
  if (!client) return { check: 'credentials', status: 'ok', title, detail: 'not needed: the source is read anonymously and the destination is a local folder' }
  try {
    // Resolving the provider is what the first request would do; it throws when nothing is found.
    await client.config.credentials()
    return { check: 'credentials', status: 'ok', title, detail: `found: ${credentialSource(c)}` }
  } catch (err) {
    return { ...fail('credentials', title, err), code: 'NoCredentials', fix: FIXES.NoCredentials, detail: `none found via ${credentialSource(c)}` }
  }
}

async function checkDestination(c: JobConfig, client: S3Client | undefined): Promise<PreflightLine> {
  const probe = `.archive-sync-preflight-${randomBytes(6).toString('hex')}`
  if (c.output_directory) {
    const dir = resolve(c.output_directory)
    const title = `Local folder ${dir}`
    try {
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, probe), 'probe')
      await rm(join(dir, probe))
      return { check: 'destination', status: 'ok', title, detail: 'exists and is writable (a probe file was written and deleted)' }
    } catch (err) {
      return { check: 'destination', status: 'fail', title, detail: (err as Error).message, code: 'NotWritable', fix: 'Pick a folder you can write to, with free space.' }
    }
  }
  const bucket = c.destination_bucket ?? ''
  const key = [c.destination_prefix.replace(/^\/+|\/+$/g, ''), probe].filter(Boolean).join('/')
  const title = `Destination s3://${bucket}`
  try {
    await client!.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'archive-sync preflight probe' }))
    await client!.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    return { check: 'destination', status: 'ok', title, detail: `exists and is writable (probe ${key} written and deleted)` }
  } catch (err) {
    return fail('destination', title, err)
  }
}

async function checkSource(c: JobConfig, client: S3Client): Promise<PreflightLine> {
  const title = `Source s3://${c.source.bucket}/${c.source.prefix}`
  try {
    const r = await client.send(new ListObjectsV2Command({ Bucket: c.source.bucket, Prefix: c.source.prefix, MaxKeys: 1 }))
    const first = r.Contents?.[0]?.Key
    if (!first) return { check: 'source', status: 'fail', title, detail: 'reachable, but nothing is listed under the prefix', code: 'EmptySource', fix: 'Check source.bucket and source.prefix.' }
    return { check: 'source', status: 'ok', title, detail: `reachable (listed ${first})` }
  } catch (err) {
    return fail('source', title, err)
  }
}

async function checkS5cmd(c: JobConfig, locate: NonNullable<PreflightDeps['locate']>): Promise<PreflightLine> {
  const title = 's5cmd'
  if (c.operation_mode === 'batch_operations') return { check: 's5cmd', status: 'ok', title, detail: 'not needed: S3 Batch Operations copies the objects' }
  if (c.output_directory || c.operation_mode === 'traditional' || !c.enable_s3_direct_sync)
    return { check: 's5cmd', status: 'ok', title, detail: 'not needed for this job (the SDK does it)' }
  const r = await locate(c.s5cmd_path)
  if (r.found && r.supported) return { check: 's5cmd', status: 'ok', title, detail: `${r.version} at ${r.path}` }
  const why = r.found ? (r.reason ?? `${r.version} is too old`) : r.reason
  return { check: 's5cmd', status: 'warn', title, detail: `${why}; copies will use the SDK's server-side CopyObject`, code: 'RE001', fix: 'Install s5cmd 2.2.2 or newer on PATH, or set s5cmd_path / S5CMD_PATH.' }
}

async function checkRegions(c: JobConfig, src: S3Client, dst: S3Client | undefined): Promise<PreflightLine> {
  const title = 'Regions'
  const s = await bucketRegion(src, c.source.bucket, c.source.region)
  if (!dst) return { check: 'regions', status: 'ok', title, detail: `source ${s.region} (${s.basis}); destination is a local folder` }
  const d = await bucketRegion(dst, c.destination_bucket ?? '', c.s3_config.region)
  const detail = `source ${s.region} (${s.basis}) → destination ${d.region} (${d.basis})`
  if (s.region === d.region) return { check: 'regions', status: 'ok', title, detail: `${detail}: same region` }
  return { check: 'regions', status: 'warn', title, detail: `${detail}: the copy crosses regions`, code: 'CrossRegion', fix: 'Inter-region transfer is billed per GB: set pricing.transfer_per_gb for the estimate, or use a bucket in the source region.' }
}

export async function runPreflight(c: JobConfig, deps: PreflightDeps = {}): Promise<PreflightResult> {
  const locate = deps.locate ?? ((explicitPath?: string) => locateS5cmd({ explicitPath }))
  // One attempt per request: a preflight must answer in seconds, not retry for a minute.
  const src = makeS3Client(sourceEndpoint(c), { maxAttempts: 1, maxSockets: 4 })
  const dst = c.output_directory ? undefined : makeS3Client(destinationEndpoint(c), { maxAttempts: 1, maxSockets: 4 })
  const signed = dst ?? (c.source.anonymous ? undefined : src)
  try {
    const credentials = await checkCredentials(c, signed)
    const noCreds = credentials.status === 'fail'
    const [destination, source, s5cmd, regions] = await Promise.all([
      noCreds && dst ? Promise.resolve({ ...credentials, check: 'destination' as const, title: `Destination s3://${c.destination_bucket}`, detail: 'not checked: no credentials' }) : checkDestination(c, dst),
      checkSource(c, src),
      checkS5cmd(c, locate),
      checkRegions(c, src, dst),
    ])
    const lines = [credentials, destination, source, s5cmd, regions]
    if (c.operation_mode === 'batch_operations') lines.push(...(await (await import('../batch-ops/preflight')).batchPreflight(c, source.status === 'ok' ? /listed (.*)\)$/.exec(source.detail)?.[1] : undefined)))
    return { ok: lines.every((l) => l.status !== 'fail'), lines }
  } finally {
    src.destroy()
    dst?.destroy()
  }
}
