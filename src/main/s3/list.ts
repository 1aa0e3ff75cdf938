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
