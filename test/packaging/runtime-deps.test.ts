// A production install (`npm install --omit=dev`, `npm prune --omit=dev`, or an installer, which
// copies the production node_modules only) has the `dependencies` and nothing else. Every package
// that the built code or bin/ loads at run time must be one of them, or the README's first
// command breaks there: the demo once needed s3rver from the devDependencies. Scanning the
// bundle's bare specifiers finds that in milliseconds, where pruning a copy takes a minute.
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { init, parse } from 'es-module-lexer'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const production = new Set(Object.keys(pkg.dependencies ?? {}))
const development = new Set(Object.keys(pkg.devDependencies ?? {}))

const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f))
    .map((f) => `${dir}/${f.split('\\').join('/')}`)

// `require('x')`, `require.resolve('x')` and `createRequire(...).resolve('x')` with a literal:
// the CommonJS preload, and the s3rver child script, which is a string run with `node -e`.
const REQUIRE = /(?:\brequire|\brequire\.resolve|\bcreateRequire\([^)]*\)\.resolve)\(\s*(['"`])([^'"`]+)\1\s*\)/g

// The bundled SDK's SigV4a signer tells the user to install one of these with the words
// "[require('@aws-sdk/signature-v4a');]" inside an error message: text the scan reads as a call,
// not a load (SigV4a signs multi-region access points, which no job uses).
const NAMED_IN_TEXT = new Set(['@aws-sdk/signature-v4a', '@aws-sdk/signature-v4-crt'])

interface Found {
  file: string
  specifiers: string[]
  /** Dynamic imports whose target is computed, which no scan can check. */
  computed: string[]
}

function scan(file: string): Found {
  let src = readFileSync(join(ROOT, file), 'utf8')
  if (src.startsWith('#!')) src = `//${src.slice(2)}` // the lexer reads modules, not scripts
  // The text scan only: a real import of these packages is still found by the lexer below.
  const specifiers = [...src.matchAll(REQUIRE)].map((m) => m[2]).filter((s) => !NAMED_IN_TEXT.has(s))
  const computed: string[] = []
  if (file.endsWith('.js') || file.endsWith('.mjs')) {
    for (const i of parse(src)[0]) {
      if (typeof i.specifier === 'string') specifiers.push(i.specifier)
      else if (i.type === 'dynamic') computed.push(`import(${src.slice(i.start, i.end)})`)
    }
  }
  return { file, specifiers: [...new Set(specifiers)], computed }
}

const isBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s.split('/')[0])
const packageOf = (s: string) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')
const bare = (found: Found[]) =>
  found.flatMap((f) =>
    f.specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('/') && !isBuiltin(s)).map((s) => ({ file: f.file, pkg: packageOf(s) })),
  )

let main: Found[]
let bin: Found[]
let preload: Found[]
beforeAll(async () => {
  await init
  main = files('out/main', /\.m?js$/).map(scan)
  bin = files('bin', /\.m?js$/).map(scan)
  preload = files('out/preload', /\.c?js$/).map(scan)
})

describe('runtime imports', () => {
  it('see the built bundle and the s3rver the demo resolves (run `npm run build` first)', () => {
    expect(main.map((f) => f.file), 'out/main is empty: run npm run build').toContain('out/main/cli.js')
    const seen = new Set(bare(main).map((b) => b.pkg))
    for (const p of ['p-map', 's3rver', 'electron']) expect(seen, p).toContain(p)
  })

  it('bundle the S3 client and zod (electron.vite.config.ts): loading them from node_modules doubled the CLI start', () => {
    const seen = new Set(bare(main).map((b) => b.pkg))
    for (const p of ['@aws-sdk/client-s3', '@smithy/core', 'zod']) expect(seen, p).not.toContain(p)
  })

  it('of out/main and bin/ are all production dependencies (or Electron, which runs the app)', () => {
    const wrong = bare([...main, ...bin]).filter((b) => !production.has(b.pkg) && b.pkg !== 'electron')
    expect(
      wrong.map((b) => `${b.file} loads ${b.pkg}${development.has(b.pkg) ? ' (a devDependency)' : ' (not in package.json)'}`),
    ).toEqual([])
  })

  it('load electron only from the desktop entry: the CLI and the demo run under plain Node', () => {
    const users = bare([...main, ...bin]).filter((b) => b.pkg === 'electron').map((b) => b.file)
    expect(users).toEqual(['out/main/index.js'])
  })

  it('of the sandboxed preload are electron alone (everything else is bundled in)', () => {
    expect(preload.length).toBeGreaterThan(0)
    expect([...new Set(bare(preload).map((b) => b.pkg))]).toEqual(['electron'])
  })

  it('are computed in one place only, bin/ loading the built CLI', () => {
    const computed = [...main, ...bin].flatMap((f) => f.computed.map((c) => `${f.file}: ${c}`))
    expect(computed).toEqual(['bin/archive-sync.js: import(pathToFileURL(cli).href)'])
  })
})
