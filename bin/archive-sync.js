#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=10
// Entry of the headless CLI. The services are built by `npm run build` into out/main.
//
// Why the V8 flags: an S3 request allocates ~300 kB in the AWS SDK, nearly all garbage. With
// Node's defaults (16 MB semi-spaces, old space allowed to grow ~4x before a full GC) a
// 10,000-object job peaks near 180 MiB while its live heap stays ~22 MB. Smaller semi-spaces
// and a 10 % growth step keep that job near 100 MiB (issue 4's budget; `npm run bench`) for a
// few ms of extra GC per second. They apply when this file is run as a program (`archive-sync`,
// `./bin/archive-sync.js`); `node bin/archive-sync.js` runs with Node's defaults.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('archive-sync is not built yet: run `npm run build` in the project folder first.')
  process.exit(2)
}
await import(pathToFileURL(cli).href)
