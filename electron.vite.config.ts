import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      // Bundled, not loaded from node_modules: Node's ESM loader resolved, format-checked and
      // lexed the SDK's hundreds of CommonJS files one by one at every start (about 190 ms of the
      // CLI's 500 ms to its first event; zod alone took 97 ms to import). Bundled, the SDK's ES
      // builds are tree-shaken into a few chunks. The AWS clients and the Smithy packages go
      // together so every client shares one copy of @smithy/core. Bundling every dependency
      // breaks: some CommonJS packages then declare `require` twice.
      externalizeDeps: {
        exclude: ['zod', '@aws-sdk/client-s3', '@aws-sdk/client-s3-control', '@aws-sdk/client-iam', '@smithy/core', '@smithy/node-http-handler', '@smithy/signature-v4'],
      },
      rollupOptions: {
        // The Electron shell and the headless CLI share every service in src/main.
        input: { index: resolve('src/main/index.ts'), cli: resolve('src/main/cli/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        // Sandboxed preloads cannot load ES modules: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    plugins: [react()],
  },
})
