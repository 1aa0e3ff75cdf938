// Symbols come from listing the archive (delimiter '/'), so delisted, dated and settled symbols
// are there too. A listing of a big market is dozens of requests: keep it on disk for a day. This
// module is the only reader and writer of that cache file (cacheSchema).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import { z } from 'zod'
import { listAll } from '../s3/list'

const cacheSchema = z.object({
  schemaVersion: z.literal(1),
  /** Keyed by endpoint, bucket and prefix. */
  entries: z.record(z.string(), z.object({ at: z.number(), symbols: z.array(z.string()) })),
})
type Cache = z.infer<typeof cacheSchema>

const SYMBOL_TTL_MS = 24 * 60 * 60 * 1000

interface SymbolLookup {
  client: S3Client
  bucket: string
  /** e.g. data/spot/daily/klines/ */
  prefix: string
  cacheFile: string
  /** Identifies the service, so a local test server and AWS never share entries. */
  endpoint: string
  refresh?: boolean
  now?: number
}

async function readCache(file: string): Promise<Cache> {
  try {
    return cacheSchema.parse(JSON.parse(await readFile(file, 'utf8')))
  } catch {
    // Missing, damaged or of another version: a cache is never worth failing for; it is rebuilt from the listing.
    return { schemaVersion: 1, entries: {} }
  }
}

export async function listSymbols(q: SymbolLookup): Promise<{ symbols: string[]; cachedAt: number; fromCache: boolean }> {
  const now = q.now ?? Date.now()
  const key = `${q.endpoint} ${q.bucket} ${q.prefix}`
  const cache = await readCache(q.cacheFile)
  const hit = cache.entries[key]
  if (hit && !q.refresh && now - hit.at < SYMBOL_TTL_MS) return { symbols: hit.symbols, cachedAt: hit.at, fromCache: true }
  const r = await listAll(q.client, q.bucket, q.prefix, { delimiter: '/' })
  const symbols = r.prefixes.map((p) => p.slice(q.prefix.length).replace(/\/$/, '')).sort()
  cache.entries[key] = { at: now, symbols }
  await mkdir(dirname(q.cacheFile), { recursive: true })
  // Write then rename: a crash never leaves a half-written cache.
  const temp = `${q.cacheFile}.${process.pid}.tmp`
  await writeFile(temp, JSON.stringify(cache))
  await rename(temp, q.cacheFile)
  return { symbols, cachedAt: now, fromCache: false }
}
