#!/usr/bin/env node
// Entry of the headless CLI. The services are built by `npm run build` into out/main.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('archive-sync is not built yet: run `npm run build` in the project folder first.')
  process.exit(2)
}
await import(pathToFileURL(cli).href)
