// Engine comparisons on one local s3rver and the same objects, against the speed budgets (overhead
// over raw s5cmd, whole-job time against `s5cmd cp`). Printed as ratios with the absolute
// figures; never asserted. Loopback figures: s3rver's per-request cost and this
// machine's cores dominate, not S3's — read them as relative, not as AWS throughput.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedBucket } from '../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../src/main/dev/s3-server'
import { createDirectEngine } from '../src/main/engines/route/direct-engine'
import { createS5cmdEngine } from '../src/main/engines/s5cmd/engine'
import { childEnv } from '../src/main/engines/s5cmd/invocation'
import { locateS5cmd } from '../src/main/engines/s5cmd/locate'
import { createSdkEngine } from '../src/main/engines/sdk-copy'
import { createTraditionalEngine } from '../src/main/engines/traditional'
import type { CopyTask, EngineContext, Endpoint, TransferEngine } from '../src/main/engines/types'

type Row = Record<string, string | number>
const CONCURRENCY = 16
const REPEAT = 3
const PAIRS = 8

const endpoint = (s3: LocalS3, bucket: string): Endpoint => ({ bucket, region: s3.region, endpointUrl: s3.endpoint, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } })
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (x: number) => `${x.toFixed(0)} ms`

/** Runs an engine, returns wall ms; throws if any task did not sync (a fast failure is not a result). */
async function timeEngine(engine: TransferEngine, tasks: CopyTask[]): Promise<number> {
  let failed = 0
  let first = ''
  const signal = new AbortController().signal
  setMaxListeners(0, signal) // one listener per request in flight, as the job manager allows
  const ctx: EngineContext = {
    signal,
    onResult: (r) => {
      if (r.outcome === 'failed' && failed++ === 0) first = r.reason ?? ''
    },
    log: () => {},
  }
  const t0 = performance.now()
  await engine.run(tasks, ctx)
  const t = performance.now() - t0
  if (failed > 0) throw new Error(`${engine.name}: ${failed} of ${tasks.length} failed (${first})`)
  return t
}

/** Raw `s5cmd run` on the batch the engine itself exports: the overhead baseline. */
async function timeRawS5cmd(binary: string, argv: string[], batch: string, env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now()
  const child = spawn(binary, argv, { env, stdio: ['pipe', 'ignore', 'ignore'] })
  const exited = new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', (code) => resolve(code)))
  child.stdin.end(batch)
  const code = await exited
  if (code !== 0) throw new Error(`raw s5cmd exited ${code}`)
  return performance.now() - t0
}

async function seed(s3: LocalS3, count: number, size: number, prefix: string): Promise<CopyTask[]> {
  const objects = Array.from({ length: count }, (_, i) => ({ key: `${prefix}/obj-${String(i).padStart(5, '0')}.zip`, body: randomBytes(size) }))
  await seedBucket(s3, 'src', objects, { concurrency: 32 })
  return objects.map((o, id) => ({ id, sourceKey: o.key, destKey: `out/${o.key}`, size }))
}

export async function benchEngines(): Promise<{ title: string; row: Row }[]> {
  const s3 = await startS3Server({ buckets: ['src', 'lake'] })
  const temp = await mkdtemp(join(tmpdir(), 'archive-sync-bench-engines-'))
  const out: { title: string; row: Row }[] = []
  try {
    const src = endpoint(s3, 'src')
    const dst = endpoint(s3, 'lake')
    const common = { source: src, destination: dst, concurrency: CONCURRENCY, retryCount: 3, partSizeMb: 50 }
    const sdkCopy = () => createSdkEngine({ ...common, mode: 'copy' })
    const traditional = () => createTraditionalEngine({ ...common, tempRoot: temp })
    const loc = await locateS5cmd({})
    const s5 = loc.found && loc.supported ? loc : undefined
    const s5cmd = () =>
      createS5cmdEngine({ binary: s5!.path, version: s5!.version, source: src, destination: dst, numWorkers: CONCURRENCY, retryCount: 3, batchSize: 1000, partSizeMb: 50 })
    const direct = () => (s5 ? createDirectEngine(s5cmd(), sdkCopy(), 'lake') : sdkCopy())

    const small = await seed(s3, 1000, 2_000, 'small')
    if (s5) {
      const ex = s5cmd().exportBatch(small)
      const env = childEnv(process.env, src, dst)
      // Run-to-run noise on two shared cores (s3rver + s5cmd's 16 workers) is ±15 %, more than the
      // budget: so pairs alternate which side runs first, the ratio is the median of the pairs'
      // ratios, and the engine's own CPU (this process: spawn, reading and parsing every line) is
      // printed: on a busy machine that is the time it takes from s3rver and s5cmd.
      const ratios: number[] = []
      const raw: number[] = []
      const eng: number[] = []
      const cpu: number[] = []
      const engineRun = async (): Promise<number> => {
        const c0 = process.cpuUsage()
        const t = await timeEngine(s5cmd(), small)
        const c = process.cpuUsage(c0)
        cpu.push((c.user + c.system) / 1000)
        return t
      }
      for (let i = 0; i < PAIRS; i++) {
        const rawRun = () => timeRawS5cmd(s5.path, ex.argv, ex.batch, env)
        let r: number, e: number
        if (i % 2 === 0) [r, e] = [await rawRun(), await engineRun()]
        else [e, r] = [await engineRun(), await rawRun()]
        raw.push(r)
        eng.push(e)
        ratios.push(e / r)
      }
      const sdk: number[] = []
      for (let i = 0; i < REPEAT; i++) sdk.push(await timeEngine(sdkCopy(), small))
      const [r, e, k] = [median(raw), median(eng), median(sdk)]
      out.push({
        title: `s5cmd engine over raw \`s5cmd run\`, same batch (1,000 × 2 kB, numworkers ${CONCURRENCY}, ${PAIRS} alternating pairs; budget ≤ 1.05)`,
        row: {
          'raw s5cmd': `${ms(r)} median (${ms(Math.min(...raw))}–${ms(Math.max(...raw))})`,
          'engine': `${ms(e)} median (${ms(Math.min(...eng))}–${ms(Math.max(...eng))})`,
          'ratio': `${median(ratios).toFixed(3)} (median of pairs; best/best ${(Math.min(...eng) / Math.min(...raw)).toFixed(3)})`,
          'engine CPU': `${median(cpu).toFixed(0)} ms per batch, ${((median(cpu) / e) * 100).toFixed(1)} % of its wall time`,
          's5cmd': `${s5.version} at ${s5.path}`,
        },
      })
      out.push({
        title: `SDK server-side copy throughput relative to s5cmd (same 1,000 objects, median of ${REPEAT}; aim ≥ 0.8)`,
        row: { 'sdk-copy': `${ms(k)} (${(1000 / (k / 1000)).toFixed(0)} objects/s)`, 's5cmd raw': `${ms(r)} (${(1000 / (r / 1000)).toFixed(0)} objects/s)`, 'throughput ratio': (r / k).toFixed(3) },
      })
    } else out.push({ title: 's5cmd comparisons skipped', row: { reason: loc.found ? `s5cmd ${loc.version} is too old` : loc.reason } })

    const medium = await seed(s3, 100, 1_000_000, 'medium')
    for (const [label, tasks] of [['100 × 1 MB', medium], ['1,000 × 2 kB', small]] as const) {
      const d: number[] = []
      const t: number[] = []
      for (let i = 0; i < REPEAT; i++) {
        d.push(await timeEngine(direct(), tasks))
        t.push(await timeEngine(traditional(), tasks))
      }
      const [dm, tm] = [median(d), median(t)]
      out.push({
        title: `Direct (${s5 ? 's5cmd' : 'sdk-copy'}) vs traditional (temp file + upload), ${label}, median of ${REPEAT}`,
        row: { direct: ms(dm), traditional: ms(tm), 'direct / traditional': (dm / tm).toFixed(3), improvement: `${(((tm - dm) / tm) * 100).toFixed(1)}%` },
      })
    }
  } finally {
    await s3.stop()
    await rm(temp, { recursive: true, force: true })
  }
  return out
}
