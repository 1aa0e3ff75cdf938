// catalog:* — symbol discovery from the server's own source settings (no selection needed).
import { join } from 'node:path'
import type { z } from 'zod'
import { AppError } from '../../shared/contract'
import { dataTypeSpec, marketOf } from '../../shared/catalog'
import { sourceSchema } from '../../shared/config/schema'
import { listSymbols } from '../catalog/symbol-cache'
import { makeS3Client } from '../s3/clients'
import type { DomainHandlers, Services } from './types'

/** The server's source settings alone, for listings that need no selection. */
function sourceSettings(s: Services): z.output<typeof sourceSchema> {
  const r = sourceSchema.safeParse(s.baseConfig.source ?? {})
  if (!r.success) throw new AppError('CONFIG_INVALID', `CE010 source: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  return r.data
}

export function catalogHandlers(s: Services): DomainHandlers<'catalog'> {
  return {
    'catalog:symbols': async ({ market, frequency, dataType, refresh }) => {
      const m = marketOf(market)
      if (!m) throw new AppError('CE005', `unknown market "${market}"`)
      // The data type becomes part of a listing prefix: only the catalog's own names.
      if (!dataTypeSpec(m, frequency, dataType)) throw new AppError('CE006', `${m} has no ${frequency} data type "${dataType}"`)
      const src = sourceSettings(s)
      const client = makeS3Client({ bucket: src.bucket, region: src.region, endpointUrl: src.endpoint_url, anonymous: src.anonymous })
      try {
        const prefix = `${src.prefix}${m}/${frequency}/${dataType}/`
        const cacheFile = join(s.dataDir, 'cache', 'symbols.json')
        const r = await listSymbols({ client, bucket: src.bucket, prefix, cacheFile, endpoint: src.endpoint_url ?? 'aws', refresh })
        return { symbols: r.symbols, cachedAt: new Date(r.cachedAt).toISOString() }
      } finally {
        client.destroy()
      }
    },
  }
}
