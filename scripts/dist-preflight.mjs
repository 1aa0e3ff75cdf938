// Runs before electron-builder (`npm run dist`, `npm run dist:dir`). electron-builder packs a
// prebuilt Electron for each target, taken from its cache or downloaded from Electron's
// releases; where neither works it fails deep in a download with a long stack trace. This says
// why in one line and exits 1 before anything starts.
//
// Usage: node scripts/dist-preflight.mjs [platform-arch ...]   (default: this machine's)
import { readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

const version = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8')).version
  } catch {
    return undefined
  }
})()

function fail(reason) {
  process.stderr.write(`npm run dist: cannot package here: ${reason}\n`)
  process.exit(1)
}

// The folders electron-builder and @electron/get keep Electron zips in (their defaults per OS,
// and the environment variables that move them).
function cacheDirs() {
  const home = homedir()
  const local = process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local')
  const xdg = process.env.XDG_CACHE_HOME ?? join(home, '.cache')
  const byOs = {
    darwin: [join(home, 'Library', 'Caches', 'electron-builder'), join(home, 'Library', 'Caches', 'electron')],
    win32: [join(local, 'electron-builder', 'Cache'), join(local, 'electron', 'Cache')],
  }[process.platform] ?? [join(xdg, 'electron-builder'), join(xdg, 'electron')]
  return [process.env.ELECTRON_BUILDER_CACHE, process.env.ELECTRON_CACHE, ...byOs].filter(Boolean)
}

// Both caches nest zips one or two folders deep (release name, or a hash of the URL).
function findZip(dir, name, depth = 3) {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return undefined
  }
  for (const e of entries) if (e.isFile() && e.name === name) return join(dir, e.name)
  if (depth > 0) for (const e of entries) if (e.isDirectory()) {
    const found = findZip(join(dir, e.name), name, depth - 1)
    if (found) return found
  }
  return undefined
}

async function reachable(url) {
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(5_000) })
    return res.ok ? undefined : `HTTP ${res.status}`
  } catch (err) {
    return err?.cause?.code ?? err?.name ?? String(err)
  }
}

if (!version) fail('the electron package is not installed (run npm install)')
// electron-builder.yml's architectures for the platform it builds on by default (this one).
const ARCHS = { darwin: ['x64', 'arm64'], win32: ['x64'], linux: ['x64'] }
const targets = process.argv.slice(2).length ? process.argv.slice(2) : (ARCHS[process.platform] ?? [process.arch]).map((a) => `${process.platform}-${a}`)
const dirs = cacheDirs()
const missing = targets.filter((t) => !dirs.some((d) => findZip(d, `electron-v${version}-${t}.zip`)))
if (missing.length > 0) {
  // Not cached: electron-builder will download it, so the release must be reachable.
  // @electron/get's URL: mirror + folder (`v<version>`) + file, each overridable by the environment.
  const mirror = (process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/').replace(/\/?$/, '/')
  const folder = (process.env.ELECTRON_CUSTOM_DIR ?? 'v{{ version }}').replace(/\{\{\s*version\s*\}\}/g, version)
  const url = `${mirror}${folder}/electron-v${version}-${missing[0]}.zip`
  const why = await reachable(url)
  if (why) {
    fail(
      `Electron ${version} for ${missing.join(', ')} is not in electron-builder's cache (${dirs.join(', ')}) ` +
        `and cannot be downloaded (${url}: ${why}); put electron-v${version}-${missing[0]}.zip in one of those folders or run where it can be downloaded`,
    )
  }
}
