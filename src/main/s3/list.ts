// Paginated ListObjectsV2. Discovery, planning and the incremental diff all read listings,
// never HEAD per object: one request per 1,000 keys.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'

import type { ListedObject } from '../../shared/plan'

export type { ListedObject }

export interface ListResult {
  objects: ListedObject[]
  prefixes: string[]
  requests: number
}

export async function listAll(
  client: S3Client,
  bucket: string,
  prefix: string,
  opts: { delimiter?: string; maxKeys?: number; signal?: AbortSignal } = {},
): Promise<ListResult> {
  const objects: ListedObject[] = []
  const prefixes: string[] = []
  let token: string | undefined
  let requests = 0
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: opts.delimiter, MaxKeys: opts.maxKeys, ContinuationToken: token }),
      { abortSignal: opts.signal },
    )
    requests += 1
    for (const o of page.Contents ?? [])
      if (o.Key !== undefined)
        objects.push({ key: o.Key, size: o.Size ?? 0, etag: o.ETag?.replaceAll('"', ''), lastModified: o.LastModified?.toISOString() })
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix && prefixes.at(-1) !== p.Prefix) prefixes.push(p.Prefix)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return { objects, prefixes, requests }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
