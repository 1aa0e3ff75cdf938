// Where a CLI job's fixed costs go: the job's JSON event stream timestamped as it arrives, from
// spawn to exit. Node start + module loading end at the first line; the first folders' listing,
// the signed-read probe and engine start at "Engine:"; the rest of the listing goes on beside the
// copies until the "Plan:" log; copying and the verification listing end at "Verified" (task
// results reach the stream coalesced about once a second, so the end of copying is not seen
// sharply); then the report and exit.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { generateArchive, seedBucket } from '../src/main/dev/fixtures'
import { startS3Server } from '../src/main/dev/s3-server'

const ROUNDS = 3
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function phasesOf(file: string, dataDir: string): Promise<Record<string, number>> {
  const t0 = performance.now()
  const child = spawn('bin/archive-sync.js', ['run', '--config', file, '--data-dir', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'ignore'] })
  const at: Record<string, number> = {}
  const mark = (k: string) => (at[k] ??= performance.now() - t0)
  for await (const line of createInterface({ input: child.stdout! })) {
    mark('first line')
    const e = JSON.parse(line) as { type: string; message?: string; results?: unknown[] }
    if (e.type === 'log' && e.message?.startsWith('Plan:')) mark('planned')
    if (e.type === 'log' && e.message?.startsWith('Engine:')) mark('engine chosen')
    if (e.type === 'task-batch') mark('first result')
    if (e.type === 'log' && e.message?.startsWith('Verified')) mark('verified')
  }
  await new Promise((resolve) => child.once('close', resolve))
  at.exit = performance.now() - t0
  return at
}

export async function benchPhases(objects = 1000): Promise<Record<string, string>> {
  const s3 = await startS3Server({ buckets: ['data.binance.vision', 'lake'] })
  const dir = await mkdtemp(join(tmpdir(), 'archive-sync-bench-phases-'))
  try {
    const symbols = ['BTCUSDT', 'ETHUSDT']
    const days = objects / 2 / symbols.length
    const end = new Date(Date.UTC(2023, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10)
    await seedBucket(s3, 'data.binance.vision', generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'aggTrades', symbols, start: '2023-01-01', end, rows: 20 }]), { concurrency: 32 })
    const runs: Record<string, number>[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const file = join(dir, `r${r}.json`)
      await writeFile(file, JSON.stringify({
        enable_s3_direct_sync: true, destination_bucket: 'lake', destination_prefix: `r${r}`,
        s3_config: { endpoint_url: s3.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region },
        source: { bucket: 'data.binance.vision', endpoint_url: s3.endpoint, region: s3.region },
        markets: ['spot'], symbols, data_types: ['aggTrades'], frequency: 'daily', date_range: { start: '2023-01-01', end },
        performance_optimization: { max_concurrent: 8 },
        ...(process.env.S5CMD_PATH ? { s5cmd_path: process.env.S5CMD_PATH } : {}),
      }))
      runs.push(await phasesOf(file, join(dir, 'data')))
    }
    const keys = ['first line', 'engine chosen', 'planned', 'first result', 'verified', 'exit']
    const m = Object.fromEntries(keys.map((k) => [k, median(runs.map((x) => x[k] ?? NaN))]))
    const step = (a: string, b: string) => `${(m[b] - m[a]).toFixed(0)} ms`
    return {
      objects: String(objects),
      engine: process.env.S5CMD_PATH ? 's5cmd' : 'SDK',
      'spawn → first event (Node start, modules, app, s5cmd locate)': `${m['first line'].toFixed(0)} ms`,
      'first folders listed, route, signed-read probe': step('first line', 'engine chosen'),
      'plan complete (its listing overlaps copying)': `${m.planned.toFixed(0)} ms after spawn`,
      'engine start → first results (coalesced ~1/s)': step('engine chosen', 'first result'),
      'copying + verification listing': step('engine chosen', 'verified'),
      'report, teardown, exit': step('verified', 'exit'),
      total: `${m.exit.toFixed(0)} ms (median of ${ROUNDS})`,
    }
  } finally {
    await s3.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
