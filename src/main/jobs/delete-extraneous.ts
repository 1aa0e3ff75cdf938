// sync_mode "sync" with delete_extraneous: remove destination objects the archive no longer has,
// 1,000 keys per DeleteObjects request. Only keys the plan judged extraneous are ever sent.
import { DeleteObjectsCommand } from '@aws-sdk/client-s3'
import type { Endpoint } from '../engines/types'
import { makeS3Client } from '../s3/clients'

export async function deleteExtraneous(dst: Endpoint, keys: readonly string[], signal: AbortSignal): Promise<{ deleted: number; errors: string[] }> {
  const client = makeS3Client(dst)
  let deleted = 0
  const errors: string[] = []
  try {
    for (let i = 0; i < keys.length && !signal.aborted; i += 1000) {
      const chunk = keys.slice(i, i + 1000)
      const out = await client.send(new DeleteObjectsCommand({ Bucket: dst.bucket, Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true } }), { abortSignal: signal })
      const failed = out.Errors ?? []
      deleted += chunk.length - failed.length
      for (const e of failed) errors.push(`${e.Key}: ${e.Code} ${e.Message}`)
    }
  } finally {
    client.destroy()
  }
  return { deleted, errors }
}
