// The incremental diff against a local folder. Binance replaces files in place (README: "Archived
// files may be updated at a later date"; binance-public-data#405: 1s files re-uploaded on
// 2023-04-13, #241/#249: checksum files updated) and a replacement can keep the size — every
// `.CHECKSUM` of a given name has one length. So a local file is its source's version only when
// its mtime (set from the source's Last-Modified when it was downloaded) is not older than the
// archive's Last-Modified; and a zip whose `.CHECKSUM` changed is hashed against the new digest.
import pMap from 'p-map'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import { checksumKey } from '../../shared/keys'
import type { ListedObject, Plan } from '../../shared/plan'
import { containedPath } from '../local/contained'
import { fetchChecksum, hashFile } from '../verify/checksum'

/** A local folder's files under `prefix`, keyed like the source (only final files: temp files are dot-prefixed). */
export async function listLocal(root: string, prefix: string): Promise<ListedObject[]> {
  const dir = join(root, prefix)
  const names = await readdir(dir).catch(() => [] as string[])
  const out: ListedObject[] = []
  for (const name of names) {
    if (name.startsWith('.')) continue
    const s = await stat(join(dir, name)).catch(() => undefined)
    if (s?.isFile()) out.push({ key: `${prefix}${name}`, size: s.size, lastModified: s.mtime.toISOString() })
  }
  return out
}

/**
 * Zips the size/mtime diff kept whose `.CHECKSUM` is being refreshed: the local zip's SHA-256
 * against the archive's current digest (one small GET each, a local read). A zip that no longer
 * matches is copied again. Returns the number of zips it un-skipped; the summary is updated.
 */
export async function recheckZips(plan: Plan, root: string, source: { client: S3Client; bucket: string }, signal?: AbortSignal): Promise<{ refreshed: number; requests: number }> {
  const byKey = new Map(plan.tasks.map((t) => [t.sourceKey, t]))
  const suspects = plan.tasks.filter((t) => t.skip && t.sourceKey.endsWith('.zip') && byKey.get(checksumKey(t.sourceKey))?.skip === undefined && byKey.has(checksumKey(t.sourceKey)))
  let refreshed = 0
  await pMap(suspects, async (t) => {
    const expected = await fetchChecksum(source.client, source.bucket, t.sourceKey, signal)
    const actual = await hashFile(containedPath(root, t.destKey), 'sha256').catch(() => undefined)
    if (expected === undefined || actual === expected) return
    delete t.skip
    refreshed += 1
  }, { concurrency: 8 })
  if (refreshed > 0) {
    const s = plan.summary
    const again = suspects.filter((t) => !t.skip)
    s.toCopy += again.length
    s.toCopyBytes += again.reduce((n, t) => n + t.size, 0)
    s.alreadyThere -= again.length
    s.changed += again.length
  }
  return { refreshed, requests: suspects.length }
}
