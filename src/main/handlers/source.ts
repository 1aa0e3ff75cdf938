// The server's own source settings, for the commands that read the archive without a selection
// (symbol discovery, the newest period, a file preview): a client names a dataset or a key,
// never a bucket or an endpoint.
import type { S3Client } from '@aws-sdk/client-s3'
import type { z } from 'zod'
import { AppError } from '../../shared/contract'
import { sourceSchema } from '../../shared/config/schema'
import { makeS3Client } from '../s3/clients'
import type { Services } from './types'

type SourceSettings = z.output<typeof sourceSchema>

function sourceSettings(s: Services): SourceSettings {
  const r = sourceSchema.safeParse(s.baseConfig.source ?? {})
  if (!r.success) throw new AppError('CONFIG_INVALID', `CE010 source: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  return r.data
}

/** Runs `fn` with a client on the source; the client is destroyed when it settles. */
export async function withSource<T>(s: Services, fn: (src: SourceSettings, client: S3Client) => Promise<T>): Promise<T> {
  const src = sourceSettings(s)
  const client = makeS3Client({ bucket: src.bucket, region: src.region, endpointUrl: src.endpoint_url, anonymous: src.anonymous })
  try {
    return await fn(src, client)
  } finally {
    client.destroy()
  }
}
