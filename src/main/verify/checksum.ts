// The archive's .CHECKSUM files (reference §1.6): `<sha256 hex>  <name>`, with or without a
// trailing newline — the first whitespace-delimited token is the digest. (S3 reports SHA-256
// checksums in base64; the engine that receives one turns it into hex, the archive's form.)
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { Readable } from 'node:stream'
import { classifyError } from '../s3/errors'

const HEX64 = /^[0-9a-f]{64}$/

/** The hex digest of a .CHECKSUM file's content, or undefined when it holds none. */
export function parseChecksumFile(text: string): string | undefined {
  const token = text.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? ''
  return HEX64.test(token) ? token : undefined
}


export const isSinglePartEtag = (etag: string | undefined): etag is string => etag !== undefined && /^[0-9a-f]{32}$/.test(etag)

/** The archive's published digest for a zip; undefined when the archive has no .CHECKSUM for it. */
export async function fetchChecksum(client: S3Client, bucket: string, zipKey: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${zipKey}.CHECKSUM` }), { abortSignal: signal })
    const text = await got.Body!.transformToString('utf8')
    return parseChecksumFile(text)
  } catch (err) {
    if (classifyError(err) === 'not-found') return undefined
    throw err
  }
}

export async function hashStream(stream: Readable, algorithm: 'sha256' | 'md5'): Promise<string> {
  const h = createHash(algorithm)
  for await (const chunk of stream) h.update(chunk as Buffer)
  return h.digest('hex')
}

export const hashFile = (path: string, algorithm: 'sha256' | 'md5'): Promise<string> => hashStream(createReadStream(path), algorithm)
