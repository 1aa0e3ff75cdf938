// A bucket's region: HeadBucket's x-amz-bucket-region (also sent with a 301/403), else the
// configured one. S3-compatible servers often send none; then the setting is all we have.
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3'

interface WithHeaders {
  $response?: { headers?: Record<string, string | undefined> }
}

export async function bucketRegion(client: S3Client, bucket: string, configured: string): Promise<{ region: string; basis: string }> {
  try {
    const r = await client.send(new HeadBucketCommand({ Bucket: bucket }))
    if (r.BucketRegion) return { region: r.BucketRegion, basis: 'from the bucket' }
  } catch (err) {
    const header = (err as WithHeaders).$response?.headers?.['x-amz-bucket-region']
    if (header) return { region: header, basis: 'from the bucket' }
  }
  return { region: configured, basis: 'configured' }
}
