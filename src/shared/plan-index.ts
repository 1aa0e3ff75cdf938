// One source folder's listing indexed for the planner: objects by key, and each zip's `.CHECKSUM`
// partner found without building the partner's key. S3 lists keys in UTF-8 byte order, so
// `X.zip.CHECKSUM` is normally listed right after `X.zip`; that is checked, never assumed.
import { checksumKey } from './keys'

const SUFFIX = checksumKey('')

export interface ListingIndex<T extends { key: string }> {
  get(key: string): T | undefined
  /** What get(checksumKey(zip.key)) returns, for a zip of this listing. */
  checksumOf(zip: T): T | undefined
}

export function indexListing<T extends { key: string }>(objects: readonly T[]): ListingIndex<T> {
  const at = new Map<string, number>()
  for (let i = 0; i < objects.length; i++) at.set(objects[i].key, i)
  // A key listed twice (S3 never does; a listing made by hand may): the last one wins, as in a
  // Map of objects, and partners are looked up by their key only.
  const unique = at.size === objects.length
  const get = (key: string): T | undefined => {
    const i = at.get(key)
    return i === undefined ? undefined : objects[i]
  }
  return {
    get,
    checksumOf(zip) {
      const i = unique ? at.get(zip.key) : undefined
      const next = i === undefined ? undefined : objects[i + 1]
      // Equal length, the suffix, the zip's key before it: next.key is checksumKey(zip.key), and
      // with unique keys it is the object get() would find — no string made, none hashed.
      if (next && next.key.length === zip.key.length + SUFFIX.length && next.key.endsWith(SUFFIX) && next.key.startsWith(zip.key)) return next
      return get(checksumKey(zip.key))
    },
  }
}
