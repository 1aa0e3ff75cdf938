// One process at a time per job folder and per (destination, config): two resumes of one job
// would write one journal twice over, two runs of one config to one destination would each copy
// everything. A lock is a file created with O_EXCL ('wx') holding the holder's pid, host and start
// time.
//
// Hand-written rather than proper-lockfile: that library judges a lock stale by its mtime (10 s by
// default, refreshed by a timer), so a resume started right after a kill -9 would be refused for
// those seconds, and it records no holder to name. Here a lock whose pid is gone on this host is
// stale at once and taken over; a lock from another host (a shared folder) is never guessed at:
// the message names it and how to clear it.
import { createHash } from 'node:crypto'
import { mkdir, open, readFile, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'

const holderSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string(), jobId: z.string() })
type Holder = z.infer<typeof holderSchema>

export interface HeldLock {
  release(): Promise<void>
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readHolder(path: string): Promise<Holder | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  try {
    return holderSchema.parse(JSON.parse(text))
  } catch {
    // Torn by a crash between create and write: nobody can be holding it.
    return undefined
  }
}

/** Takes the lock at `path` or throws AppError(code) naming the holder. */
export async function acquireLock(path: string, jobId: string, code: string, what: string): Promise<HeldLock> {
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), jobId }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const f = await open(path, 'wx')
      try {
        await f.writeFile(JSON.stringify(me))
      } finally {
        await f.close()
      }
      let released = false
      return {
        release: async () => {
          if (released) return
          released = true
          await unlink(path).catch(() => undefined)
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const h = await readHolder(path)
    if (h && (h.host !== me.host || alive(h.pid))) {
      const where = h.host === me.host ? `process ${h.pid}` : `process ${h.pid} on host ${h.host}`
      const fix = h.host === me.host ? 'wait for it to end, or stop it' : `if that process is gone, delete ${path}`
      throw new AppError(code, `${what} is in use by ${where} (job ${h.jobId}, since ${h.since}): ${fix}, then try again`)
    }
    // The holder died (kill -9, power loss) or left an unreadable file: the lock is stale.
    await unlink(path).catch(() => undefined)
  }
  throw new AppError(code, `${what} is being taken by another process at this moment; try again`)
}

/** The lock of one job folder: held by whichever process runs or resumes the job. */
export const lockJobFolder = (dir: string, jobId: string): Promise<HeldLock> => acquireLock(join(dir, 'job.lock'), jobId, 'JOB_LOCKED', `Job ${jobId}`)

/** Where a job writes, as one string: the same for two configs that copy to the same place. */
function destinationOf(c: JobConfig): string {
  return c.output_directory ? `file:${c.output_directory}` : `s3:${c.s3_config.endpoint_url ?? 'aws'}/${c.destination_bucket}/${c.destination_prefix}`
}

/** The lock of one (destination, config) pair, under <dataDir>/locks: two runs of one config to one place never overlap. */
export async function lockDestination(dataDir: string, config: JobConfig, configHash: string, jobId: string): Promise<HeldLock> {
  const dir = join(dataDir, 'locks')
  await mkdir(dir, { recursive: true })
  const dest = destinationOf(config)
  const name = createHash('sha256').update(`${dest}\n${configHash}`).digest('hex').slice(0, 32)
  return acquireLock(join(dir, `${name}.lock`), jobId, 'DESTINATION_LOCKED', `The destination ${dest.replace(/^(s3|file):/, '')} for this configuration`)
}
