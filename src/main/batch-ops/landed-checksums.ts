// S3's SHA-256 of what Batch Operations copied, for `verify: sha256`: the job asked for
// ChecksumAlgorithm SHA256, so S3 keeps a full-object SHA-256 of each copy, which a HEAD with
// ChecksumMode ENABLED returns (S3 user guide, "Checking object integrity"). One HEAD per zip
// instead of reading every object back; the verifier compares it with the zip's .CHECKSUM. Where
// the service keeps none (S3-compatible servers), the verifier's own read-back stays the proof.
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import pMap from 'p-map'
import type { TaskResult } from '../../shared/contract'

export async function addLandedChecksums(
  client: S3Client,
  bucket: string,
  results: TaskResult[],
  destKeyOf: (id: number) => string,
  o: { concurrency: number; signal?: AbortSignal },
): Promise<{ requests: number; found: number }> {
  let requests = 0
  let found = 0
  const zips = results.filter((r) => r.outcome === 'synced' && destKeyOf(r.id).endsWith('.zip'))
  await pMap(
    zips,
    async (r) => {
      requests++
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: destKeyOf(r.id), ChecksumMode: 'ENABLED' }), { abortSignal: o.signal }).catch(() => undefined)
      const b64 = head?.ChecksumSHA256
      // A composite checksum (`…-<parts>`) is of the parts, not of the object: not comparable with .CHECKSUM.
      if (!b64 || b64.includes('-') || head?.ChecksumType === 'COMPOSITE') return
      r.sha256 = Buffer.from(b64, 'base64').toString('hex')
      found++
    },
    { concurrency: Math.max(1, o.concurrency) },
  )
  return { requests, found }
}
