#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=2 --heap-growing-percent=10
// Entry of the headless CLI. The services are built by `npm run build` into out/main.
//
// Why the settings on the line above: an S3 request allocates ~300 kB in the AWS SDK, nearly all
// garbage. With Node's defaults (16 MB semi-spaces, old space allowed to grow ~4x before a full
// GC, one glibc malloc arena per thread) a 10,000-object job peaked near 180 MiB while its live
// heap stayed ~22 MB. Small semi-spaces, a 10 % growth step and two malloc arenas keep it near
// 95 MiB (the engine-memory budget is 100 MB + 1 KB per object; `npm run bench`) for a few ms of extra GC
// per second. They apply when this file runs as a program (`archive-sync`, `./bin/archive-sync.js`);
// `node bin/archive-sync.js` runs with Node's defaults.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('archive-sync is not built yet: run `npm run build` in the project folder first.')
  process.exit(2)
}
await import(pathToFileURL(cli).href)
