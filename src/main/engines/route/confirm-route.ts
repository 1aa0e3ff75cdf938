// Reference §4.6 ⚠: a server-side copy (CopyObject, or s5cmd's s3→s3 cp) is signed by the
// destination's identity, and that identity must itself be allowed to read the source. The archive
// is readable anonymously; whether its bucket policy also lets an arbitrary signed principal read
// is not known. So before the first copy, one signed 1-byte GET of the first object asks. Refused
// with AccessDenied: the job streams (anonymous GET → signed PUT) instead of failing every object
// with RE002. s5cmd downloads sign their reads with the same identity, so they are asked too.
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { makeS3Client, type Endpoint } from '../../s3/clients'
import type { Route } from './choose-route'

export interface ProbeInput {
  route: Route
  /** The source as the job reads it (anonymous for the archive); its credentials are the destination's. */
  source: Endpoint
  /** The first object the engine will copy. */
  key: string
  downloading: boolean
  signal: AbortSignal
}

/** The route to run: `route` itself unless a signed read of the source is refused. */
export async function confirmRoute(p: ProbeInput): Promise<Route> {
  const signsReads = p.route.engine === 'sdk-copy' || p.route.engine === 's5cmd'
  const hasIdentity = Boolean(p.source.credentials || p.source.profile) || !p.downloading
  if (!signsReads || !p.source.anonymous || !hasIdentity) return p.route
  const signed = makeS3Client({ ...p.source, anonymous: false }, { maxAttempts: 2, maxSockets: 1 })
  try {
    const res = await signed.send(new GetObjectCommand({ Bucket: p.source.bucket, Key: p.key, Range: 'bytes=0-0' }), { abortSignal: p.signal })
    await res.Body?.transformToByteArray()
    return p.route
  } catch (err) {
    // Only a refusal of the read itself changes the route. Anything else (bad keys, a missing
    // object, the network) is the engine's to meet and report, object by object.
    if ((err as { name?: string }).name !== 'AccessDenied') return p.route
    const refused = `a signed read of s3://${p.source.bucket}/${p.key} was refused (AccessDenied), so ${p.route.engine === 's5cmd' ? 's5cmd' : 'a server-side copy'} cannot read the archive with these credentials`
    return p.downloading
      ? { engine: 'download', reason: `${refused}; downloaded anonymously through the SDK`, fallbacks: [...p.route.fallbacks, `${refused}; downloaded anonymously through the SDK`] }
      : { engine: 'sdk-stream', reason: `${refused}; streamed (anonymous GET, signed PUT)`, fallbacks: [...p.route.fallbacks, `${refused}; streamed through this machine (anonymous GET, signed PUT)`] }
  } finally {
    signed.destroy()
  }
}
