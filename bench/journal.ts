// Journaling's share of job wall time (budget < 5 % on 10,000 small objects; printed, never asserted).
// A 10,000-object server-side job runs in this process against a local S3; then its own journal
// and plan are replayed through the same writers with the same flush cadence, timing what can
// delay a job: the plan write (awaited before the first copy), the append calls (main thread), and
// every write + fsync (the replay appends in a tight loop, so closing waits for all of them). In a
// real job those writes overlap the copies: the share printed is an upper bound. A paced replay
// (the job's own completion times) counts the fsyncs that committing without a timer takes.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/main/app'
import { generateArchive, seedBucket } from '../src/main/dev/fixtures'
import { startS3Server } from '../src/main/dev/s3-server'
import { hashConfig, Journal } from '../src/main/jobs/journal'
import { readPlan, writePlan } from '../src/main/jobs/plan-store'
import { validateConfig } from '../src/shared/config/validate'

/** How much of the job's completion stream the paced replay re-times. */
const PACED_MS = 10_000

export async function benchJournal(objects = 10_000): Promise<Record<string, string | number>> {
  const symbols = Array.from({ length: 10 }, (_, i) => `S${i}USDT`)
  const days = Math.ceil(objects / 2 / symbols.length)
  const end = new Date(Date.UTC(2020, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10)
  const s3 = await startS3Server({ buckets: ['data.binance.vision', 'lake'] })
  const dir = await mkdtemp(join(tmpdir(), 'archive-sync-bench-journal-'))
  try {
    await seedBucket(s3, 'data.binance.vision', generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols, intervals: ['1m'], start: '2020-01-01', end, rows: 4 }]), { concurrency: 32 })
    const r = validateConfig({
      enable_s3_direct_sync: true,
      destination_bucket: 'lake',
      s3_config: { endpoint_url: s3.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region },
      source: { bucket: 'data.binance.vision', endpoint_url: s3.endpoint, region: s3.region },
      markets: ['spot'], symbols, data_types: ['klines'], intervals: ['1m'], date_range: { start: '2020-01-01', end },
      performance_optimization: { max_concurrent: 16 },
    })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const app = createApp({ transport: 'websocket', dataDir: dir, locateS5cmd: async () => ({ found: false, reason: 'not wanted here' }) })
    const t0 = performance.now()
    const { jobId, done } = await app.services.jobs.start(r.config)
    const report = (await done)!
    const jobMs = performance.now() - t0
    await app.close()

    // Replay: the job's own plan and journal lines through the writers, timed.
    const jobDir = join(dir, 'jobs', jobId)
    const plan = await readPlan(jobDir, { jobId, configHash: hashConfig(r.config) })
    const lines = (await readFile(join(jobDir, 'journal.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string })
    const replay = join(dir, 'replay')
    await mkdir(replay)
    let t = performance.now()
    await writePlan(replay, { jobId, configHash: hashConfig(r.config) }, plan)
    const planMs = performance.now() - t
    const j = await Journal.create(join(replay, 'journal.ndjson'), { jobId, configHash: hashConfig(r.config), createdAt: new Date().toISOString() })
    let appendMs = 0
    for (const l of lines) {
      t = performance.now()
      if (l.type === 'result') j.append(l as never, (l as unknown as { key: string }).key)
      else if (l.type === 'verify') j.verified(l as never)
      appendMs += performance.now() - t
    }
    t = performance.now()
    await j.close()
    const closeMs = performance.now() - t
    // The job's own completions again, at the pace they came (each line's `at`), for the first
    // PACED_MS of it: how many fsyncs committing without a timer takes at a real completion rate,
    // against PACED_MS / 250 for the former 250 ms group-commit timer.
    const paced = await Journal.create(join(replay, 'paced.ndjson'), { jobId, configHash: hashConfig(r.config), createdAt: new Date().toISOString() })
    const [before, busyBefore] = [paced.commits, paced.busyMs]
    const timed = lines.filter((l): l is { type: string; at: string } => (l.type === 'result' || l.type === 'verify') && 'at' in l)
    const t0Line = Date.parse(timed[0]?.at ?? new Date().toISOString())
    const window = timed.filter((l) => Date.parse(l.at) - t0Line < PACED_MS)
    t = performance.now()
    for (const l of window) {
      const wait = Date.parse(l.at) - t0Line - (performance.now() - t)
      if (wait > 0) await new Promise((done) => setTimeout(done, wait))
      if (l.type === 'result') paced.append(l as never, (l as unknown as { key: string }).key)
      else paced.verified(l as never)
    }
    await paced.close()
    const pacedMs = performance.now() - t
    const pacedCommits = paced.commits - before
    const pacedBusyMs = paced.busyMs - busyBefore
    const blocking = planMs + appendMs + closeMs
    return {
      objects: report.files_planned,
      verified: report.files_verified ?? 0,
      'job wall s': (jobMs / 1000).toFixed(2),
      'plan write ms': planMs.toFixed(1),
      'appends ms': appendMs.toFixed(1),
      'writes+fsyncs ms': closeMs.toFixed(1),
      'paced lines': window.length,
      'paced s': (pacedMs / 1000).toFixed(2),
      'paced fsyncs (250 ms timer: ~)': `${pacedCommits} (${Math.ceil(pacedMs / 250)})`,
      'lines per fsync': (window.length / Math.max(1, pacedCommits)).toFixed(1),
      'paced write+fsync ms (off the main thread)': `${pacedBusyMs.toFixed(0)} (${((pacedBusyMs / pacedMs) * 100).toFixed(1)} % of the window)`,
      'journal share': `≤ ${((blocking / jobMs) * 100).toFixed(2)} % (budget < 5 %: ${blocking / jobMs < 0.05 ? 'met' : 'MISSED'})`,
    }
  } finally {
    await s3.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
