// Shared pieces of the SDK engine tests: seeded s3rver instances, endpoints for the engines, and an
// EngineContext that records exactly one result per task (a second result for a task is a bug).
import { randomBytes } from 'node:crypto'
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { TaskResult } from '../../src/shared/contract'
import { seedBucket, type ArchiveObject } from '../../src/main/dev/fixtures'
import type { LocalS3 } from '../../src/main/dev/s3-server'
import type { CopyResult, CopyTask, EngineContext, Endpoint } from '../../src/main/engines/types'

export const MiB = 1024 * 1024

export const endpointOf = (s3: Pick<LocalS3, 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'>, bucket: string, endpointUrl = s3.endpoint): Endpoint => ({
  bucket,
  region: s3.region,
  endpointUrl,
  credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
})

export function clientOf(s3: LocalS3): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

/** Random bodies: a byte-identical copy cannot happen by accident. */
export async function seedRandom(s3: LocalS3, bucket: string, sizes: Record<string, number>): Promise<ArchiveObject[]> {
  const objects = Object.entries(sizes).map(([key, size]) => ({ key, body: randomBytes(size) }))
  await seedBucket(s3, bucket, objects, { concurrency: 4 })
  return objects
}

export const tasksFor = (objects: ArchiveObject[], prefix = ''): CopyTask[] =>
  objects.map((o, id) => ({ id, sourceKey: o.key, destKey: `${prefix}${o.key}`, size: o.body.length }))

export async function bytesAt(client: S3Client, bucket: string, key: string): Promise<Buffer | null> {
  try {
    const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return Buffer.from(await r.Body!.transformToByteArray())
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchKey') return null
    throw err
  }
}

export async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    () => false,
  )
}

export interface Recorder {
  ctx: EngineContext
  results: Map<number, CopyResult>
  logs: string[]
  abort(): void
}

export function recorder(onResult?: (r: TaskResult) => void): Recorder {
  const results = new Map<number, CopyResult>()
  const logs: string[] = []
  const ac = new AbortController()
  return {
    results,
    logs,
    abort: () => ac.abort(),
    ctx: {
      signal: ac.signal,
      onResult(r) {
        if (results.has(r.id)) throw new Error(`second result for task ${r.id}`)
        results.set(r.id, r)
        onResult?.(r)
      },
      log: (level, message) => void logs.push(`${level}: ${message}`),
    },
  }
}
