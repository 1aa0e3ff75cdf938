// Handlers of the preview commands (src/shared/contract/preview.ts), spread into the table in
// handlers.ts. Both read the archive with the server's own source settings: a client names a
// key or a dataset, never a bucket or an endpoint.
import type { z } from 'zod'
import { MARKET_ALIASES } from '../../shared/catalog'
import { sourceSchema } from '../../shared/config/schema'
import { AppError, type previewCommands } from '../../shared/contract'
import { latestDay, newestCompleteMonth } from '../../shared/latest'
import type { Handlers, Services } from '../handlers'
import { listedPeriods } from '../plan/resolve-latest'
import { makeS3Client } from '../s3/clients'
import { previewFile } from './preview-file'

type PreviewHandlers = Pick<Handlers, keyof typeof previewCommands>

export function makePreviewHandlers(s: Services): PreviewHandlers {
  const withSource = async <T>(fn: (src: z.output<typeof sourceSchema>, client: ReturnType<typeof makeS3Client>) => Promise<T>): Promise<T> => {
    const parsed = sourceSchema.safeParse(s.baseConfig.source ?? {})
    if (!parsed.success) throw new AppError('CONFIG_INVALID', `CE010 source: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
    const src = parsed.data
    const client = makeS3Client({ bucket: src.bucket, region: src.region, endpointUrl: src.endpoint_url, anonymous: src.anonymous })
    try {
      return await fn(src, client)
    } finally {
      client.destroy()
    }
  }
  return {
    'files:preview': ({ key, rows }) => withSource((src, client) => previewFile({ client, bucket: src.bucket, root: src.prefix, key, rows })),
    'catalog:latest': async ({ market, frequency, dataType, symbol, interval }) => {
      const m = MARKET_ALIASES[market]
      if (!m) throw new AppError('CE005', `unknown market "${market}"`)
      return withSource(async (src, client) => {
        const periods = await listedPeriods(client, src.bucket, src.prefix, [{ market: m, frequency, dataType, symbol, interval }])
        return { latestDay: latestDay(periods), month: newestCompleteMonth(periods) }
      })
    },
  }
}
