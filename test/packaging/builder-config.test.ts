// electron-builder.yml, checked without Electron: its `files` patterns evaluated the way
// electron-builder evaluates them against this checkout's files and the built out/, its targets,
// and every file it names existing.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Minimatch } from 'minimatch'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

// electron-builder's own additions to `files` (app-builder-lib's fileMatcher.js,
// getMainFileMatchers): package.json at the end, and before the user's patterns (after the last
// one starting with `**/`) exclusions of node_modules (copied separately, production only), the
// buildResources folder and the output folder. So resources/icon.png must be taken explicitly.
function effectivePatterns(files: string[]): string[] {
  const own = [...files, 'package.json']
  const at = own.findLastIndex((p) => p.startsWith('**/')) + 1
  const excluded = ['!**/node_modules/**', `!${config.directories.buildResources}{,/**/*}`, `!${config.directories.output}{,/**/*}`]
  return [...own.slice(0, at), ...excluded, ...own.slice(at)]
}

// Its filter: minimatch with { dot: true }, patterns in order, a later negated pattern can drop a
// file an earlier one took and a later positive one can take it back (util/filter.js, minimatchAll).
const patterns = effectivePatterns(config.files).map((p) => new Minimatch(p, { dot: true }))
function packed(file: string): boolean {
  let match = false
  for (const p of patterns) if (match === p.negate) match = p.match(file)
  return match
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
}

// The checkout's files: tracked, plus new ones not yet committed (but not git-ignored ones).
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
const built = existsSync(join(ROOT, 'out')) ? walk(join(ROOT, 'out')) : []

describe('electron-builder files', () => {
  it('take every built file: main, preload, renderer (run `npm run build` first)', () => {
    expect(built, 'out/ is empty: run npm run build').not.toHaveLength(0)
    const wanted = built.filter((f) => !f.endsWith('.map'))
    expect(wanted.filter((f) => !packed(f))).toEqual([])
    for (const entry of [pkg.main, 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(built, entry).toContain(entry)
      expect(packed(entry), entry).toBe(true)
    }
  })

  it('take from the repository only package.json and the window icon: no sources, tests, e2e, bench or scripts', () => {
    // Production node_modules are added by electron-builder itself, from the dependencies.
    expect(tracked.filter(packed).sort()).toEqual(['package.json', 'resources/icon.png'])
    expect(config.directories.buildResources).toBe('resources')
    expect(tracked.length).toBeGreaterThan(100)
    for (const f of ['src/main/index.ts', 'test/packaging/builder-config.test.ts', 'e2e/copy-slice.e2e.ts', 'bench/run.ts', 'resources/icon.svg']) {
      expect(tracked, f).toContain(f)
      expect(packed(f), f).toBe(false)
    }
  })

  it('leave out source maps and test files even inside out/', () => {
    for (const f of ['out/main/index.js.map', 'out/main/chunks/app.test.js', 'out/renderer/assets/x.spec.js', 'out/main/a.e2e.js']) {
      expect(packed(f), f).toBe(false)
    }
  })

  it('include the icon the window loads, at the path window.ts computes from out/main', () => {
    const source = readFileSync(join(ROOT, 'src/main/electron/window.ts'), 'utf8')
    const rel = /icon: join\(here, '([^']+)'\)/.exec(source)?.[1]
    expect(rel, 'window.ts sets icon: join(here, ...)').toBeDefined()
    const target = posix.normalize(posix.join('out/main', rel!))
    expect(existsSync(join(ROOT, target)), target).toBe(true)
    expect(packed(target), target).toBe(true)
  })
})

describe('electron-builder targets', () => {
  const targets = (os: string) =>
    (config[os].target as { target: string; arch: string[] }[]).map((t) => `${t.target}:${t.arch.join('+')}`)

  it('builds AppImage and deb, dmg for x64 and arm64, and NSIS', () => {
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64'])
    expect(targets('mac')).toEqual(['dmg:x64+arm64'])
    expect(targets('win')).toEqual(['nsis:x64'])
  })

  it('names the app, packs into asar, versions the artifacts and runs the fuse hook', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)
    expect(config.productName).toBe('Archive Sync')
    expect(config.asar).toBe(true)
    expect(config.artifactName).toContain('${version}')
    expect(config.artifactName).toContain('${arch}')
    expect(config.afterPack).toBe('./scripts/after-pack.mjs')
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true)
    // The fuses are flipped by the hook alone: electron-builder's own electronFuses would run too.
    expect(config.electronFuses).toBeUndefined()
  })

  it('points every icon at a committed file and builds no electron from the dev tree', () => {
    const icons = [config.linux.icon, config.mac.icon, config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon]
    for (const icon of icons) expect(tracked.some((f) => f === icon || f.startsWith(`${icon}/`)), icon).toBe(true)
    expect(pkg.devDependencies.electron, 'electron-builder requires electron as a devDependency').toBeDefined()
    expect(pkg.dependencies.electron).toBeUndefined()
  })
})
