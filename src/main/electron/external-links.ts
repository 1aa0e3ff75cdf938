// Which links leave the app for the user's browser: a short allow-list of documentation sites,
// https only, no credentials in the URL. Anything else is dropped (and the window never
// navigates: harden.ts). Pure, so the list is unit-tested without Electron.

/** Origin and path prefix of each site the UI may link to. */
const EXTERNAL_ALLOW: readonly { origin: string; path: string }[] = [
  { origin: 'https://data.binance.vision', path: '/' },
  { origin: 'https://github.com', path: '/binance/binance-public-data' },
  { origin: 'https://github.com', path: '/peak/s5cmd' },
  { origin: 'https://docs.aws.amazon.com', path: '/' },
]

export function isAllowedExternal(url: string): boolean {
  if (!URL.canParse(url)) return false
  const u = new URL(url)
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false
  return EXTERNAL_ALLOW.some((a) => u.origin === a.origin && (a.path === '/' || u.pathname === a.path || u.pathname.startsWith(`${a.path}/`)))
}
