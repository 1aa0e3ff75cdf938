// The spec's traditional cycle (operation_mode: traditional): download each object to a temp file,
// upload it from there, delete the temp file. It is the baseline the report's efficiency figures
// are measured against, so it really does what the spec describes — disk and all — rather than
// the cheaper in-memory stream. Temp space: one job folder under tmpdir, at most `concurrency`
// files at once, each removed after its upload; the folder goes on success, failure and cancel.
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { makeS3Client } from '../s3/clients'
import { probeEndpoints } from './breaker'
import { ownedTempDir } from './owned-temp'
import { ByteBudget } from './byte-budget'
import { getSourceObject } from './https-source'
import { meterClient, newMeter, type Meter } from './meter'
import { uploadBody } from './multipart'
import { runPool } from './pool'
import { partBytesOf } from './sdk-copy'
import { downloadTo } from './sdk-download'
import type { EngineContext, Endpoint, TaskInput, TransferEngine } from './types'

export interface TraditionalOptions {
  source: Endpoint
  destination: Endpoint
  concurrency: number
  retryCount: number
  partSizeMb: number
  partBytes?: number
  /** Where the job's temp folder is made (default os.tmpdir()). */
  tempRoot?: string
  outagePatienceMs?: number
}

export type TraditionalEngine = TransferEngine & { meter: Meter; readonly tempDir: string | undefined }

export function createTraditionalEngine(opts: TraditionalOptions): TraditionalEngine {
  const meter = newMeter()
  const clientOpts = { maxSockets: opts.concurrency * 2 + 2, maxAttempts: opts.retryCount + 1 }
  const src = meterClient(makeS3Client(opts.source, clientOpts), meter)
  const dest = meterClient(makeS3Client(opts.destination, clientOpts), meter)
  const partBytes = partBytesOf(opts)
  const budget = new ByteBudget(Math.max(2 * partBytes, 256 * 1024 * 1024))
  let tempDir: string | undefined
  return {
    name: 'traditional',
    meter,
    get tempDir() {
      return tempDir
    },
    async run(tasks: TaskInput, ctx: EngineContext) {
      const dir = (tempDir = await ownedTempDir('traditional', opts.tempRoot))
      const log = (level: 'warn', message: string) => ctx.log(level, message)
      const probes = probeEndpoints([opts.source, opts.destination])
      try {
        await runPool(tasks, ctx, { engine: 'traditional', concurrency: opts.concurrency, bucket: opts.destination.bucket, retryCount: opts.retryCount, probe: probes.probe, outagePatienceMs: opts.outagePatienceMs }, async (t, attempts, signal) => {
          // Named by task id, never by key: nothing from the archive becomes a local path here.
          const file = join(dir, `${t.id}.bin`)
          try {
            const got = await getSourceObject(src, opts.source, t.sourceKey, signal, { maxAttempts: clientOpts.maxAttempts, meter })
            attempts.add(got)
            const { bytes } = await downloadTo(got.Body, file, meter)
            const target = { client: dest, bucket: opts.destination.bucket, key: t.destKey, contentType: got.ContentType }
            await uploadBody(createReadStream(file), bytes, target, { partBytes, queueSize: 2, budget, signal, attempts, meter, log })
            return { bytes }
          } finally {
            await rm(file, { force: true })
          }
        })
      } finally {
        await rm(dir, { recursive: true, force: true })
        for (const c of [src, dest]) c.destroy()
        probes.destroy()
      }
    },
  }
}
