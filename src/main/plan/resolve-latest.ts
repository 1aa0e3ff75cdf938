// `date_range.end: "latest"` made concrete from the source listing: every folder the selection
// touches is listed and the newest period found in any of them becomes the end (a symbol that
// lags then shows its newest days as missing, which is what they are). The pure part is
// src/shared/latest.ts.
import type { S3Client } from '@aws-sdk/client-s3'
import pMap from 'p-map'
import type { JobConfig } from '../../shared/config/validate'
import { AppError } from '../../shared/contract'
import { archiveFolder } from '../../shared/keys'
import { isLatest, latestDay, periodsOfKeys } from '../../shared/latest'
import type { Frequency, Market } from '../../shared/catalog'
import { listAll } from '../s3/list'

export interface FolderQuery {
  market: Market
  frequency: Frequency
  dataType: string
  symbol: string
  interval?: string
}

/** The periods (YYYY-MM-DD or YYYY-MM) of the zips in each folder, newest last. */
export async function listedPeriods(client: S3Client, bucket: string, root: string, folders: readonly FolderQuery[], signal?: AbortSignal): Promise<string[]> {
  const unique = [...new Set(folders.map((f) => archiveFolder(f, root)))]
  const lists = await pMap(unique, async (folder) => (await listAll(client, bucket, folder, { signal })).objects.map((o) => o.key), { concurrency: 8 })
  return periodsOfKeys(lists.flat(), root).sort()
}

function selectionFolders(config: JobConfig): FolderQuery[] {
  const out: FolderQuery[] = []
  for (const item of config.selection)
    for (const frequency of item.frequencies)
      for (const symbol of item.symbols)
        for (const interval of item.intervals.length > 0 ? item.intervals : [undefined])
          out.push({ market: item.market, frequency, dataType: item.dataType, symbol, interval })
  return out
}

/** The config with "latest" replaced by the newest day the archive has; other configs as they are. */
export async function resolveLatest(config: JobConfig, source: S3Client, signal?: AbortSignal): Promise<JobConfig> {
  if (!isLatest(config.date_range.end)) return config
  const periods = await listedPeriods(source, config.source.bucket, config.source.prefix, selectionFolders(config), signal)
  const end = latestDay(periods)
  if (end === null)
    throw new AppError('CE004', `date_range.end is "latest", but s3://${config.source.bucket} has no files for this selection. Fix: check the symbols and data types, or give an end date.`)
  return { ...config, date_range: { start: config.date_range.start, end } }
}
