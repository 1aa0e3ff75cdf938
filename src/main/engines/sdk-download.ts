// Download to a local folder: stream to a hidden temp file beside the target, hash while
// streaming, fsync, then rename. The final path never holds a half-written file: a failure
// mid-stream removes the temp file and leaves whatever was at the final path untouched.
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm, utimes, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { assertParentUnder, containedPath } from '../local/contained'
import { makeS3Client } from '../s3/clients'
import { describeGaps, streamCheckFor, type StreamCheck } from '../verify/zip-stream-check'
import { probeEndpoints } from './breaker'
import { getSourceObject } from './https-source'
import { removeLeftovers } from './leftovers'
import { meterClient, newMeter, type Meter } from './meter'
import { runPool } from './pool'
import { chunksOf } from './task-feed'
import type { CopyTask, EngineContext, Endpoint, TaskInput, TransferEngine } from './types'

/** Makes the rename itself durable where the platform allows fsync on a directory (not Windows). */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined)
  if (fh) await fh.sync().catch(() => undefined).finally(() => fh.close())
}

export interface DownloadOptions {
  /** The source version's Last-Modified, kept as the file's mtime: the next plan compares it with the archive's. */
  lastModified?: Date
  /** Fed every chunk as it streams (the kline/trade completeness check). */
  check?: StreamCheck
  /** The folder the target must stay under, checked again by real path before the rename. */
  root?: string
}

export async function downloadTo(stream: Readable, target: string, meter?: Meter, opts: DownloadOptions = {}): Promise<{ bytes: number; sha256: string }> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`)
  const hash = createHash('sha256')
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk)
      opts.check?.push(chunk)
      bytes += chunk.length
      if (meter) meter.hostBytes += chunk.length
      cb(null, chunk)
    },
  })
  try {
    // Inside the try: a body left unread holds its socket, and every later GET would queue behind it.
    await mkdir(dirname(target), { recursive: true })
    await pipeline(stream, tap, createWriteStream(temp))
    const fh = await open(temp, 'r+')
    await fh.sync().finally(() => fh.close())
    // Before the rename, so the final path never holds the new bytes with an old version's mtime.
    if (opts.lastModified && !Number.isNaN(opts.lastModified.getTime())) await utimes(temp, opts.lastModified, opts.lastModified)
    if (opts.root) await assertParentUnder(opts.root, target)
    await rename(temp, target)
  } catch (err) {
    stream.destroy()
    await rm(temp, { force: true })
    throw err
  }
  await syncDir(dirname(target))
  return { bytes, sha256: hash.digest('hex') }
}

/** The fix for a folder this process cannot write to (like disk full, a problem of the whole job). */
export const UNWRITABLE_FIX = 'choose an output_directory this user can write to (permissions, a file where a folder should be, a read-only disk), then resume the job'

/** Throws with the errno and the fix unless a file can be created in `root` (made if missing). */
async function assertWritable(root: string): Promise<void> {
  const probe = join(root, `.archive-sync-write-test-${process.pid}-${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(root, { recursive: true })
    await writeFile(probe, '')
    await rm(probe, { force: true })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw new Error(`${e.code ?? 'Error'}: cannot write to the output folder ${root} (${e.message}); ${UNWRITABLE_FIX}`, { cause: err })
  }
}

/**
 * Before the first request: an unwritable folder fails every object the same way, so they all fail
 * at once; then, chunk by chunk, the partial files a killed run left beside these targets are
 * removed before they are fetched again.
 */
async function* preparedChunks(root: string, input: TaskInput, ctx: EngineContext): AsyncGenerator<readonly CopyTask[]> {
  let unwritable: string | undefined
  try {
    await assertWritable(root)
  } catch (err) {
    unwritable = (err as Error).message
    ctx.log('error', unwritable)
  }
  for await (const tasks of chunksOf(input)) {
    if (unwritable !== undefined) {
      for (const t of tasks) ctx.onResult({ id: t.id, outcome: 'failed', bytes: 0, engine: 'download', reason: unwritable, errorClass: 'other', attempts: 0 })
      continue
    }
    const targets = tasks.flatMap((t) => {
      try {
        return [containedPath(root, t.destKey)]
      } catch {
        return [] // refused again, with its reason, when the task runs
      }
    })
    const removed = await removeLeftovers(targets)
    if (removed > 0) ctx.log('info', `Removed ${removed} partial file(s) left by an interrupted download`)
    yield tasks
  }
}

export type DownloadEngine = TransferEngine & { meter: Meter }

export function createDownloadEngine(opts: { source: Endpoint; root: string; concurrency: number; retryCount: number; outagePatienceMs?: number }): DownloadEngine {
  const meter = newMeter()
  const client = meterClient(makeS3Client(opts.source, { maxSockets: opts.concurrency + 2, maxAttempts: opts.retryCount + 1 }), meter)
  return {
    name: 'download',
    meter,
    async run(tasks: TaskInput, ctx: EngineContext) {
      const probes = probeEndpoints([opts.source])
      try {
        const pool = { engine: 'download' as const, concurrency: opts.concurrency, bucket: opts.source.bucket, retryCount: opts.retryCount, probe: probes.probe, outagePatienceMs: opts.outagePatienceMs }
        await runPool(preparedChunks(opts.root, tasks, ctx), ctx, pool, async (t, attempts, signal) => {
          const target = containedPath(opts.root, t.destKey)
          const got = await getSourceObject(client, opts.source, t.sourceKey, signal, { maxAttempts: opts.retryCount + 1, meter })
          attempts.add(got)
          // The hash taken while streaming is the proof the verifier checks against the .CHECKSUM;
          // the completeness check reads the same bytes on the way.
          const check = streamCheckFor(t.sourceKey)
          const done = await downloadTo(got.Body, target, meter, { lastModified: got.LastModified, check, root: opts.root })
          if (check) reportGaps(t.sourceKey, check, ctx)
          return done
        })
      } finally {
        client.destroy()
        probes.destroy()
      }
    },
  }
}

/** A gap is the archive's, not the copy's: the file landed as published, and the user is told what covers the hole. */
function reportGaps(key: string, check: StreamCheck, ctx: EngineContext): void {
  try {
    const r = check.finish()
    if (r) for (const line of describeGaps(r)) ctx.log('warn', line)
  } catch (err) {
    ctx.log('warn', `${key}: completeness not checked: ${(err as Error).message}`)
  }
}
