// Lint, including the layer rules of DESIGN §2 (imports only go down) and the folder directions
// inside src/main. Import cycles are dependency-cruiser's (.dependency-cruiser.cjs, in `npm run
// lint`): import-x/no-cycle skips type-only imports, and type cycles are cycles too.
import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const NODE_ONLY = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto', 'http', 'https', 'net', 'stream', 'stream/*', 'url', 'util', 'zlib', 'ws', 'execa', 'sirv', 's3rver', '@aws-sdk/*', '@smithy/*']
const layer = (message, patterns) => ({ 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] })

// Directions inside src/main: a folder may not import the folders listed against it.
// s3/ is the lowest door to requests; plan/ and verify/ work on listings and objects, not on
// engines; engines move objects and know nothing of the jobs or the CLI that drive them.
const main = (dir) => `./src/main/${dir}`
const zones = [
  { target: main('s3'), from: './src/main', except: ['./s3'], message: 's3/ is the lowest door to requests: it imports nothing else of src/main.' },
  ...['plan', 'verify'].map((dir) => ({ target: main(dir), from: main('engines'), message: `${dir}/ does not import engines/: move what both need below engines/.` })),
  ...['plan', 'verify'].flatMap((dir) => ['jobs', 'cli'].map((up) => ({ target: main(dir), from: main(up), message: `${dir}/ does not import ${up}/.` }))),
  ...['jobs', 'cli', 'serve', 'electron'].map((up) => ({ target: main('engines'), from: main(up), message: `engines/ do not import ${up}/: the job drives the engine, not the other way round.` })),
  { target: main('engines'), from: ['./src/main/handlers', './src/main/app.ts'], message: 'engines/ do not import the app wiring.' },
]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'artifacts/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    files: ['src/shared/**'],
    rules: layer('src/shared is pure TS + zod: no Node, Electron, DOM libraries or upper layers.', [
      ...NODE_ONLY, 'electron', 'react', 'react-dom', 'zustand', '@tanstack/*', '**/main/**', '**/renderer/**', '**/preload/**',
    ]),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer('The renderer imports src/shared and the preload types only.', [...NODE_ONLY, 'electron', '**/main/**', '**/preload/*.ts']),
  },
  {
    files: ['src/preload/**'],
    rules: layer('The preload holds no logic: electron and src/shared only.', [...NODE_ONLY, '**/main/**', '**/renderer/**']),
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/index.ts', 'src/main/electron/**'],
    rules: layer("Only src/main/index.ts and src/main/electron/* may import 'electron'.", ['electron', '**/renderer/**', '**/preload/**']),
  },
  // The rules of hooks and the React Compiler's checks (the plugin's flat recommended set) for the UI.
  { files: ['src/renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
)
