// Endpoint URLs as the server shows, stores and warns about them. Pure: no DNS, no sockets.

/** The URL without `user:pass@`: S3 signs with access keys, never with URL userinfo, so it is only a leak. */
export function stripUserinfo(url: string): string {
  if (!URL.canParse(url)) return url
  const u = new URL(url)
  if (!u.username && !u.password) return url
  u.username = ''
  u.password = ''
  return u.toString()
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

/** A warning per plain-http endpoint to another host: signed requests (and keys' signatures) cross the network in clear. */
export function cleartextWarnings(endpoints: Record<string, string | undefined>): string[] {
  const out: string[] = []
  for (const [field, url] of Object.entries(endpoints)) {
    if (!url || !URL.canParse(url)) continue
    const u = new URL(url)
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
      out.push(`${field} ${stripUserinfo(url)} is plain http to another host: requests signed with your credentials cross the network unencrypted. Use https://.`)
  }
  return out
}

/** Server-side copies need both sides on one service: the same endpoint, or both AWS. */
export const sameService = (a: string | undefined, b: string | undefined): boolean => (a ?? 'aws') === (b ?? 'aws')
