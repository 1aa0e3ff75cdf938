// catalog:* — symbol discovery and the newest period, from the server's own source settings
// (no selection needed).
import { join } from 'node:path'
import { AppError } from '../../shared/contract'
import { dataTypeSpec, marketOf, type Frequency, type Market } from '../../shared/catalog'
import { latestDay, newestCompleteMonth } from '../../shared/latest'
import { listSymbols } from '../catalog/symbol-cache'
import { listedPeriods } from '../plan/resolve-latest'
import { withSource } from './source'
import type { DomainHandlers, Services } from './types'

/** The data type becomes part of a listing prefix: only the catalog's own names. */
function known(market: string, frequency: Frequency, dataType: string): Market {
  const m = marketOf(market)
  if (!m) throw new AppError('CE005', `unknown market "${market}"`)
  if (!dataTypeSpec(m, frequency, dataType)) throw new AppError('CE006', `${m} has no ${frequency} data type "${dataType}"`)
  return m
}

export function catalogHandlers(s: Services): DomainHandlers<'catalog'> {
  return {
    'catalog:symbols': async ({ market, frequency, dataType, refresh }) => {
      const m = known(market, frequency, dataType)
      return withSource(s, async (src, client) => {
        const prefix = `${src.prefix}${m}/${frequency}/${dataType}/`
        const cacheFile = join(s.dataDir, 'cache', 'symbols.json')
        const r = await listSymbols({ client, bucket: src.bucket, prefix, cacheFile, endpoint: src.endpoint_url ?? 'aws', refresh })
        return { symbols: r.symbols, cachedAt: new Date(r.cachedAt).toISOString() }
      })
    },
    'catalog:latest': async ({ market, frequency, dataType, symbol, interval }) => {
      const m = known(market, frequency, dataType)
      return withSource(s, async (src, client) => {
        const periods = await listedPeriods(client, src.bucket, src.prefix, [{ market: m, frequency, dataType, symbol, interval }])
        return { latestDay: latestDay(periods), month: newestCompleteMonth(periods) }
      })
    },
  }
}
