// A job's verification (DESIGN §7), folder by folder as the copies land: once every task of a
// destination folder has its outcome, that folder's listing and checks run while the engine copies
// the next folders. On S3 a listing is a round trip per 1,000 keys; a job of hundreds of folders
// would otherwise pay every one of them after its last copy. What is left (folders that had
// nothing to copy, tasks whose early check could not run) is proved in one pass after the engine.
import { dirname } from 'node:path'
import type { JobConfig } from '../../shared/config/validate'
import type { VerifyOutcome } from '../../shared/journal'
import type { PlannedTask } from '../../shared/plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { verifyLanded } from '../verify/verifier'
import type { JobLedger } from './ledger'

/** A check that could not run (a listing or request failed, a cancel): not a proof either way. */
const TRANSIENT = /^(verification failed|cancelled)/

export interface JobProofInput {
  config: JobConfig
  ledger: JobLedger
  /** The plan's tasks as far as it is known (task i has id i); `add` says when it grows. */
  tasks: readonly PlannedTask[]
  journal: { verified(o: VerifyOutcome): void }
  reported: ReadonlyMap<number, { sha256: string; method: 'sha256-stream' | 'sha256-s3' }>
  /** ETags the copies' responses gave (verifier.ts: such a copy needs no listing). */
  copied: ReadonlyMap<number, string>
  signal: AbortSignal
  log(level: 'debug' | 'info' | 'warn', message: string): void
}

export function jobProof(p: JobProofInput) {
  const { config, ledger, signal, log } = p
  const folderOf = (t: PlannedTask) => dirname(t.destKey)
  const byFolder = new Map<string, PlannedTask[]>()
  // Per folder, the tasks still waiting for this session's outcome; per task id (a plan's ids are
  // its indexes), whether it is one of them: a byte, not a map entry, for each of a million tasks.
  const waiting = new Map<string, number>()
  let pending = new Uint8Array(0)
  const add = (tasks: readonly PlannedTask[]): void => {
    for (const t of tasks) {
      const f = folderOf(t)
      const list = byFolder.get(f)
      if (list) list.push(t)
      else byFolder.set(f, [t])
    }
    // Grown by doubling as the plan grows: amortised, and never more than twice the plan.
    if (p.tasks.length > pending.length) {
      const grown = new Uint8Array(Math.max(p.tasks.length, 2 * pending.length))
      grown.set(pending)
      pending = grown
    }
  }
  add(p.tasks)
  // Early checks run one folder at a time (a chain, not a pool): one listing request beside the
  // max_concurrent copies, and folders finish in plan order anyway.
  let early: Promise<void> = Promise.resolve()
  let clients: { src: ReturnType<typeof makeS3Client>; dst?: ReturnType<typeof makeS3Client> } | undefined
  let proved = 0
  let requests = 0

  async function check(tasks: PlannedTask[], final: boolean): Promise<void> {
    if (tasks.length === 0) return
    clients ??= { src: makeS3Client(sourceEndpoint(config)), dst: config.output_directory ? undefined : makeS3Client(destinationEndpoint(config)) }
    const { src, dst } = clients
    try {
      const r = await verifyLanded({
        tasks,
        level: config.verify,
        source: { client: src, bucket: config.source.bucket },
        destination: dst ? { client: dst, bucket: config.destination_bucket! } : { root: config.output_directory! },
        concurrency: config.performance_optimization.max_concurrent,
        signal,
        reported: p.reported,
        copied: p.copied,
        onOutcome: (o) => {
          const transient = TRANSIENT.test(o.reason ?? '')
          // An early check that could not run is left to the final pass, which tries it again.
          if (transient && !final) return
          if (!transient) proved++
          ledger.verified(o)
          // A check that could not run is not journaled: the resume tries it again.
          if (!transient) p.journal.verified(o)
        },
      })
      requests += r.requests
    } catch (err) {
      const reason = `verification failed: ${(err as Error).message ?? String(err)}`
      if (!final) return log('debug', `${reason}; checked again after the copies`)
      // The destination listing failed (service down): the copies stand, their proof waits for a resume or `archive-sync verify`.
      log('warn', `${reason}; ${tasks.length} objects left unverified`)
      for (const t of tasks) ledger.verified({ id: t.id, status: 'unverified', reason })
    }
  }

  function close(): void {
    clients?.src.destroy()
    clients?.dst?.destroy()
    clients = undefined
  }

  return {
    /** Tasks the plan gained (listed while the job copies): `p.tasks` already holds them. */
    add,
    /**
     * Before a resume copies: what earlier sessions landed but never proved (a cancel, a crash or a
     * full disk stopped them first) is checked now, so a copy found missing or broken is no longer
     * done and this session copies it again instead of reporting it failed.
     */
    async earlier(): Promise<void> {
      if (signal.aborted) return
      await check(ledger.unverified(), false)
      // Its clients go now: the route that runs next may stop the job before the engine's finally.
      close()
    },
    /** The tasks this session hands to the engine: each folder's check waits for all of its own. */
    copying(todo: readonly PlannedTask[]): void {
      for (const t of todo) {
        const f = folderOf(t)
        pending[t.id] = 1
        waiting.set(f, (waiting.get(f) ?? 0) + 1)
      }
    },
    /** One of the engine's results: the last of its folder starts that folder's check. */
    landed(id: number): void {
      if (pending[id] !== 1) return
      pending[id] = 0
      const f = folderOf(p.tasks[id])
      const left = waiting.get(f)! - 1
      waiting.set(f, left)
      if (left > 0 || signal.aborted) return
      early = early.then(() => (signal.aborted ? undefined : check(byFolder.get(f)!.filter((t) => ledger.awaitsProof(t.id)), false)))
    },
    /** After the engine: the early checks finish, then everything still unproved is checked. */
    async finish(): Promise<void> {
      await early
      if (signal.aborted) return
      const rest = ledger.unverified()
      await check(rest, true)
      if (proved > 0 || rest.length > 0) log('info', `Verified ${proved} objects (verify ${config.verify}) with ${requests} requests`)
    },
    close,
  }
}
