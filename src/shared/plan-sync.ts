// sync_mode "sync": destination objects the archive no longer has. Only objects inside the folders
// this plan listed are judged — anything else at the destination is not ours to report or delete.
import type { JobConfig } from './config/validate'
import { joinKey, mirrorKey } from './keys'
import { destinationKeyFn, type FolderPlan, type ListedObject } from './plan'

const PARTITION = /^market=([^/]+)\/data_type=([^/]+)\/symbol=([^/]+)\/(?:interval=([^/]+)\/)?date=([^/]+)\/([^/]+)$/

/** The archive key a destination key was copied from, or undefined for keys this layout never writes. */
export function sourceKeyOfDestination(config: JobConfig, destKey: string): string | undefined {
  const head = mirrorKey(config.destination_prefix, '')
  const rest = head ? (destKey.startsWith(`${head}/`) ? destKey.slice(head.length + 1) : undefined) : destKey
  if (rest === undefined || config.destination_layout !== 'hive') return rest
  const m = PARTITION.exec(rest)
  if (!m) return undefined
  const [, market, dataType, symbol, interval, date, file] = m
  const frequency = date.length === 7 ? 'monthly' : 'daily'
  return joinKey(config.source.prefix, market.replace('_', '/'), frequency, dataType, symbol, interval ?? '', file)
}

export function findExtraneous(
  config: JobConfig,
  folders: readonly FolderPlan[],
  /** Every key the source folders listed. */
  sourceKeys: Iterable<string>,
  destination: ReadonlyMap<string, ListedObject>,
): string[] {
  const destKeyOf = destinationKeyFn(config)
  const listed = new Set(folders.map((f) => f.folder))
  const present = new Set<string>()
  for (const k of sourceKeys) present.add(destKeyOf(k))
  const out: string[] = []
  for (const key of destination.keys()) {
    if (present.has(key)) continue
    const src = sourceKeyOfDestination(config, key)
    if (src && listed.has(src.slice(0, src.lastIndexOf('/') + 1))) out.push(key)
  }
  return out.sort()
}
