// The first rows of one archive file, for a look before copying. One ranged GET of at most
// `maxBytes` (a zip's local file header and deflate stream start at byte 0, so a prefix is
// enough to inflate the first rows; the central directory at the end is never needed), then
// fflate's streaming unzip until the rows are in. Memory stays bounded by `maxBytes`.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Unzip, UnzipInflate } from 'fflate'
import { columnsOf, isHeaderLine, type ArchiveColumn } from '../../shared/archive-columns'
import { AppError, type FilePreview } from '../../shared/contract'
import { basename, parseArchiveKey } from '../../shared/keys'
import { columnUnit } from '../../shared/time-units'

const PREVIEW_MAX_BYTES = 8 * 1024 * 1024
const PREVIEW_ROWS = 50
const CHUNK = 64 * 1024

export interface PreviewRequest {
  client: S3Client
  bucket: string
  root: string
  key: string
  rows?: number
  maxBytes?: number
}

export async function previewFile(r: PreviewRequest): Promise<FilePreview> {
  const ref = parseArchiveKey(r.key, r.root)
  if (!ref || !r.key.endsWith('.zip')) throw new AppError('BAD_REQUEST', `${r.key} is not an archive zip key (${r.root}<market>/<daily|monthly>/<type>/<SYMBOL>/...zip)`)
  const maxBytes = r.maxBytes ?? PREVIEW_MAX_BYTES
  const wanted = (r.rows ?? PREVIEW_ROWS) + 1
  const { bytes, size } = await readPrefix(r.client, r.bucket, r.key, maxBytes)
  const { entry, lines } = firstLines(bytes, wanted, r.key)
  const header = lines.length > 0 && isHeaderLine(lines[0])
  const rows = (header ? lines.slice(1) : lines).slice(0, wanted - 1).map((l) => l.split(','))
  const known = columnsOf(ref.market, ref.dataType)
  const width = rows[0]?.length ?? known?.length ?? 0
  const names: ArchiveColumn[] =
    known && known.length === width
      ? [...known]
      : Array.from({ length: width }, (_, i) => ({ name: header ? lines[0].split(',')[i] : `Column ${i + 1}`, kind: 'text' as const }))
  const columns = names.map((c, i) => ({ ...c, unit: c.kind === 'time' ? columnUnit(rows.map((row) => row[i] ?? '')) : null }))
  return { key: r.key, file: basename(r.key), size, entry, header, columns, rows, partial: size > bytes.length }
}

async function readPrefix(client: S3Client, bucket: string, key: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${maxBytes - 1}` }))
    const bytes = (await res.Body?.transformToByteArray()) ?? new Uint8Array()
    // "bytes 0-8388607/123456789": the total is after the slash; a server that ignores Range sends it all.
    const total = Number(/\/(\d+)$/.exec(res.ContentRange ?? '')?.[1] ?? bytes.length)
    if (bytes.length > maxBytes) throw new AppError('PREVIEW_TOO_LARGE', `${basename(key)} is ${total} bytes and the server ignored the range request; previews read at most ${maxBytes} bytes.`)
    return { bytes, size: total }
  } catch (err) {
    if (err instanceof AppError) throw err
    const name = (err as { name?: string }).name
    if (name === 'NoSuchKey' || name === 'NotFound') throw new AppError('NOT_FOUND', `${key} is not in s3://${bucket}.`)
    throw new AppError('PREVIEW_FAILED', `Reading s3://${bucket}/${key} failed: ${(err as Error).message}`)
  }
}

/** Inflates the zip's first entry until `wanted` lines are out (or the bytes end). */
function firstLines(zip: Uint8Array, wanted: number, key: string): { entry: string; lines: string[] } {
  const decoder = new TextDecoder()
  let text = ''
  let entry = ''
  let done = false
  let failure: Error | null = null
  const unzip = new Unzip((file) => {
    if (entry !== '') return
    entry = file.name
    file.ondata = (err, data, final) => {
      if (err) failure = err
      if (done) return
      text += decoder.decode(data, { stream: !final })
      if (final || text.split('\n').length > wanted) {
        done = true
        file.terminate()
      }
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    for (let at = 0; at < zip.length && !done && !failure; at += CHUNK) unzip.push(zip.subarray(at, at + CHUNK), at + CHUNK >= zip.length)
  } catch (err) {
    failure = err as Error
  }
  if (entry === '' || (failure && text === '')) throw new AppError('PREVIEW_FAILED', `${basename(key)} is not a readable zip${failure ? `: ${(failure as Error).message}` : ''}.`)
  const lines = text.split(/\r?\n/).filter((l) => l !== '')
  // The last line of a cut-off read may be half a row.
  return { entry, lines: done ? lines.slice(0, wanted) : lines.slice(0, -1).slice(0, wanted) }
}
