// Lint, including the layer rules of DESIGN §2: imports only go down.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const NODE_ONLY = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto', 'http', 'https', 'net', 'stream', 'stream/*', 'url', 'util', 'zlib', 'ws', 'execa', 'sirv', 's3rver', '@aws-sdk/*', '@smithy/*']
const layer = (message, patterns) => ({ 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] })

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
