// `npm run dist` where Electron cannot be had: one line naming the reason, exit 1, at once.
// Both runs point every cache at a temp folder and the download at a closed loopback port, so
// the test never leaves this machine whatever its network.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SCRIPT = join(ROOT, 'scripts/dist-preflight.mjs')
const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string
const home = mkdtempSync(join(tmpdir(), 'archive-sync-preflight-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function run(env: Record<string, string>, args: string[] = ['linux-x64']) {
  const started = Date.now()
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
  })
  return { ...result, ms: Date.now() - started }
}

describe('dist preflight', () => {
  it('stops with one line and exit 1 when the Electron zip is neither cached nor downloadable', async () => {
    const mirror = `http://127.0.0.1:${await closedPort()}/`
    const r = run({ XDG_CACHE_HOME: join(home, 'empty'), ELECTRON_CACHE: join(home, 'empty'), ELECTRON_MIRROR: mirror })
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`Electron ${version} for linux-x64`)
    expect(lines[0]).toContain(`${mirror}v${version}/electron-v${version}-linux-x64.zip: ECONNREFUSED`)
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(r.ms).toBeLessThan(10_000)
  })

  it('passes offline when the zip and its checksums are seeded in the Electron cache, and only then', async () => {
    const cache = join(home, 'seeded')
    // @electron/get keeps each download in a folder named by a hash of its URL.
    mkdirSync(join(cache, 'a1b2c3'), { recursive: true })
    writeFileSync(join(cache, 'a1b2c3', `electron-v${version}-linux-x64.zip`), '')
    const env = { ELECTRON_CACHE: cache, ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/` }
    // The zip alone: electron-builder would still fetch SHASUMS256.txt to verify it.
    const zipOnly = run(env)
    expect(zipOnly.status).toBe(1)
    expect(zipOnly.stderr).toMatch(new RegExp(`^npm run dist: cannot package here: SHASUMS256\\.txt-${version.replaceAll('.', '\\.')} is not in the Electron cache .*ECONNREFUSED.*\n$`))
    writeFileSync(join(cache, `SHASUMS256.txt-${version}`), '')
    const r = run(env)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    // The other architecture is not seeded: the same cache refuses it.
    expect(run(env, ['linux-arm64']).status).toBe(1)
  })
})
