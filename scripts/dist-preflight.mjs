// Runs before electron-builder (`npm run dist`, `npm run dist:dir`). electron-builder packs a
// prebuilt Electron for each target, taken from its cache or downloaded from Electron's
// releases; where neither works it fails deep in a download with a long stack trace. This says
// why in one line and exits 1 before anything starts.
//
// Usage: node scripts/dist-preflight.mjs [platform-arch ...]   (default: this OS, archs as in electron-builder.yml)
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

// electron-builder (26) takes the Electron zip through @electron/get, whose cache is this folder
// (ELECTRON_CACHE, else its default per OS).
function electronCache() {
  if (process.env.ELECTRON_CACHE) return process.env.ELECTRON_CACHE
  const home = homedir()
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'electron')
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'electron', 'Cache')
  return join(process.env.XDG_CACHE_HOME ?? join(home, '.cache'), 'electron')
}

// The cache keeps each zip in a folder named by a hash of its URL, checksum files at its root.
function findFile(dir, name, depth = 3) {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return undefined
  }
  for (const e of entries) if (e.isFile() && e.name === name) return join(dir, e.name)
  if (depth > 0) for (const e of entries) if (e.isDirectory()) {
    const found = findFile(join(dir, e.name), name, depth - 1)
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
const cache = electronCache()
const missing = targets.filter((t) => !findFile(cache, `electron-v${version}-${t}.zip`))
// electron-builder verifies each zip against Electron's SHASUMS256.txt, and reads it offline only
// when seeded at the cache root under one of these names; otherwise it downloads it every build.
const sums = [`SHASUMS256.txt-${version}`, 'SHASUMS256.txt']
const seeded = sums.some((name) => findFile(cache, name, 0))
if (missing.length > 0 || !seeded) {
  // Something must come from Electron's releases: they must be reachable.
  // @electron/get's URL: mirror + folder (`v<version>`) + file, each overridable by the environment.
  const mirror = (process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/').replace(/\/?$/, '/')
  const folder = (process.env.ELECTRON_CUSTOM_DIR ?? 'v{{ version }}').replace(/\{\{\s*version\s*\}\}/g, version)
  const url = `${mirror}${folder}/${missing.length > 0 ? `electron-v${version}-${missing[0]}.zip` : 'SHASUMS256.txt'}`
  const why = await reachable(url)
  if (why && missing.length > 0) {
    fail(
      `Electron ${version} for ${missing.join(', ')} is not in the Electron cache (${cache}) and cannot be downloaded ` +
        `(${url}: ${why}); put electron-v${version}-${missing[0]}.zip and ${sums[0]} there, or run where it can be downloaded`,
    )
  }
  if (why) {
    fail(`${sums[0]} is not in the Electron cache (${cache}) and cannot be downloaded (${url}: ${why}); electron-builder verifies the cached zip with it`)
  }
}
