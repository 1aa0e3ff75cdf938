// A seeded local S3 per suite: the archive bucket with generated Binance-layout objects and an
// empty data-lake bucket, plus the base settings a job needs to reach them.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { generateArchive, localClient, seedBucket, type ArchiveObject, type ArchiveSpec } from '../../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { startFaultProxy, type FaultProxy } from './fault-proxy'

export const SOURCE_BUCKET = 'data.binance.vision'
export const LAKE_BUCKET = 'lake'

export interface LocalArchive {
  s3: LocalS3
  objects: ArchiveObject[]
  client: S3Client
  dataDir: string
  base: Record<string, unknown>
  stop(): Promise<void>
}

export async function startLocalArchive(specs: ArchiveSpec[]): Promise<LocalArchive> {
  const s3 = await startS3Server({ buckets: [SOURCE_BUCKET, LAKE_BUCKET] })
  const objects = generateArchive(specs)
  await seedBucket(s3, SOURCE_BUCKET, objects)
  const dataDir = await mkdtemp(join(tmpdir(), 'archive-sync-test-'))
  const client = localClient(s3)
  const base = {
    enable_s3_direct_sync: true,
    destination_bucket: LAKE_BUCKET,
    s3_config: { endpoint_url: s3.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region },
    source: { bucket: SOURCE_BUCKET, endpoint_url: s3.endpoint, region: s3.region },
  }
  return {
    s3,
    objects,
    client,
    dataDir,
    base,
    stop: async () => {
      client.destroy()
      await s3.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** A fault proxy in front of the archive's server, and base settings that send every request of a job through it (it counts them). */
export async function behindProxy(env: LocalArchive): Promise<{ proxy: FaultProxy; base: Record<string, unknown> }> {
  const proxy = await startFaultProxy(env.s3.endpoint, { lifetimeMs: 600_000 })
  const b = env.base as { s3_config: object; source: object }
  return { proxy, base: { ...env.base, s3_config: { ...b.s3_config, endpoint_url: proxy.endpoint }, source: { ...b.source, endpoint_url: proxy.endpoint } } }
}

export async function getBytes(client: S3Client, bucket: string, key: string): Promise<Buffer> {
  const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from(await r.Body!.transformToByteArray())
}

export async function listKeys(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }))
    for (const o of page.Contents ?? []) keys.push(o.Key!)
    token = page.NextContinuationToken
  } while (token)
  return keys.sort()
}
