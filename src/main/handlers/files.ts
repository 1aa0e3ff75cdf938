// files:* — the first rows of one archive file, read with the server's source settings.
import { previewFile } from '../preview/preview-file'
import { withSource } from './source'
import type { DomainHandlers, Services } from './types'

export function filesHandlers(s: Services): DomainHandlers<'files'> {
  return {
    'files:preview': ({ key, rows }) => withSource(s, (src, client) => previewFile({ client, bucket: src.bucket, root: src.prefix, key, rows })),
  }
}
