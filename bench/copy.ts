// Engine throughput against a local S3 on this machine, and the engine process's memory: the job
// runs in the built CLI, started as a user's `archive-sync` starts (the bin file as a program, so
// its shebang's V8 flags apply; `launch: 'node'` runs `node bin/...` with Node's defaults), and
// reports its own peak RSS.
// Local figures: s3rver on loopback, 2 cores — relative, not AWS numbers.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { generateArchive, seedBucket } from '../src/main/dev/fixtures'
import { startS3Server } from '../src/main/dev/s3-server'

const run = promisify(execFile)

export async function benchCopy(objects: number, opts: { direct: boolean; rows?: number; launch?: 'bin' | 'node' }): Promise<Record<string, string | number>> {
  const symbols = Array.from({ length: 10 }, (_, i) => `S${i}USDT`)
  const days = Math.ceil(objects / 2 / symbols.length)
  const end = new Date(Date.UTC(2020, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10)
  const s3 = await startS3Server({ buckets: ['data.binance.vision', 'lake'] })
  const dir = await mkdtemp(join(tmpdir(), 'archive-sync-bench-'))
  try {
    const archive = generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'klines', symbols, intervals: ['1m'], start: '2020-01-01', end, rows: opts.rows }])
    await seedBucket(s3, 'data.binance.vision', archive, { concurrency: 32 })
    const job = {
      enable_s3_direct_sync: opts.direct,
      destination_bucket: 'lake',
      s3_config: { endpoint_url: s3.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region },
      source: { bucket: 'data.binance.vision', endpoint_url: s3.endpoint, region: s3.region },
      markets: ['spot'],
      symbols,
      data_types: ['klines'],
      intervals: ['1m'],
      date_range: { start: '2020-01-01', end },
      performance_optimization: { max_concurrent: 16 },
    }
    await writeFile(join(dir, 'job.json'), JSON.stringify(job))
    const t0 = performance.now()
    const args = ['run', '--config', join(dir, 'job.json'), '--data-dir', dir, '--json']
    const [file, argv] = opts.launch === 'node' ? [process.execPath, ['bin/archive-sync.js', ...args]] : ['bin/archive-sync.js', args]
    const { stdout } = await run(file, argv, { maxBuffer: 1 << 28 })
    const sec = (performance.now() - t0) / 1000
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!)
    // The budget is for a job of 10,000 objects or more; smaller runs print the figure only.
    const budgetMb = 100 + report.files_planned / 1024
    const budget: Record<string, string> = report.files_planned >= 10_000 ? { 'RSS budget MB': `${budgetMb.toFixed(0)} (${report.peak_rss_bytes / 1e6 < budgetMb ? 'met' : 'MISSED'})` } : {}
    return {
      objects: report.files_planned,
      synced: report.files_synced,
      engine: Object.keys(report.engines).join(','),
      'wall s (CLI)': sec.toFixed(2),
      'job s': report.execution_time_seconds.toFixed(2),
      'objects/s': report.average_files_per_second.toFixed(0),
      'MB/s': (report.average_bytes_per_second / 1e6).toFixed(2),
      launch: opts.launch === 'node' ? 'node bin/archive-sync.js (Node defaults)' : 'bin/archive-sync.js (shebang flags)',
      'peak RSS MB': (report.peak_rss_bytes / 1e6).toFixed(1),
      ...budget,
    }
  } finally {
    await s3.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
