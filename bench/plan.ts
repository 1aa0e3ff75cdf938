// Budgets: plan 100,000 tasks from a listing in < 0.5 s with < 50 MB retained heap, and
// 1,000,000 in < 3 s with the process under 300 MB RSS (listing held, plan made).
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { validateConfig, type JobConfig } from '../src/shared/config/validate'
import { buildPlan, planFolders, type ListedObject } from '../src/shared/plan'
import { wildcardRuns } from '../src/shared/plan-wildcards'

const TODAY = '2026-11-23'

/**
 * The source listing as a parsed response holds it: one flat string per key, laid out together.
 * The keys planFolders makes are ropes (chains of concatenation nodes: 226 B a key against 96 B
 * flat, measured), and the garbage of making them would stay in the RSS the planning is measured
 * against; a structured clone deserialises the listing into fresh, compact heap pages.
 */
function listingOf(config: JobConfig): Map<string, ListedObject[]> {
  const listing = new Map<string, ListedObject[]>()
  for (const f of planFolders(config, TODAY)) listing.set(f.folder, f.expected.flatMap((key) => [{ key, size: 61_234, etag: 'e' }, { key: `${key}.CHECKSUM`, size: 91, etag: 'c' }]))
  return structuredClone(listing)
}

// Peak RSS of the planning alone: Linux resets the high-water mark (VmHWM) to the current RSS on
// writing 5 to clear_refs (proc(5)); elsewhere the process's lifetime peak is all there is.
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}
const rssMb = (field: 'VmHWM' | 'VmRSS'): number => Number(/(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN) / 1e3 * 1.024

/**
 * Heap used once garbage collection frees nothing more. One collection is not that: after the
 * listing is made, the first two full collections measured 225 then 163 MB, and only then held.
 * The pages freed leave the RSS once a later collection has swept them.
 */
function settledHeap(): number {
  const gc = globalThis.gc
  if (!gc) return process.memoryUsage().heapUsed
  let before = Infinity
  for (let i = 0; i < 8; i++) {
    gc()
    const now = process.memoryUsage().heapUsed
    if (before - now < 100_000) return now
    before = now
  }
  return before
}

/** The measured work, in a frame of its own: the folders it makes die with it, not in a register of the caller. */
function planOf(config: JobConfig, listing: Map<string, ListedObject[]>, destination: Map<string, ListedObject>) {
  const plan = buildPlan(config, planFolders(config, TODAY), listing, destination)
  // The s5cmd wildcard runs are worked out from the same listings (make-plan.ts): part of planning.
  return { ...plan, wildcards: wildcardRuns(plan.tasks, listing, plan.missingKeys) }
}

export function benchPlan(tasks: 100_000 | 1_000_000 = 100_000): Record<string, string | number> {
  // 25 (250) symbols × 2 intervals × 1,000 days × (zip + .CHECKSUM) = 100,000 (1,000,000) tasks.
  const symbols = Array.from({ length: tasks / 4_000 }, (_, i) => `SYM${i}USDT`)
  const r = validateConfig(
    { destination_bucket: 'lake', destination_prefix: 'bronze/binance', markets: ['spot'], symbols, data_types: ['klines'], intervals: ['1h', '1d'], date_range: { start: '2021-01-01', end: '2023-09-27' } },
    { now: new Date('2026-11-23T00:00:00Z') },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  const listing = listingOf(r.config)
  const destination = new Map<string, ListedObject>()
  // Retained heap: what the plan keeps alive after garbage collection (run with --expose-gc).
  // "Right after" also counts the garbage not yet collected.
  const heap0 = settledHeap()
  const peakOfPlanning = resetPeakRss()
  const rss0 = peakOfPlanning ? rssMb('VmRSS') : NaN
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const plan = planOf(r.config, listing, destination)
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const peakRssMb = peakOfPlanning ? rssMb('VmHWM') : (process.resourceUsage().maxRSS * 1024) / 1e6
  const peakMb = (process.memoryUsage().heapUsed - heap0) / 1e6
  const heapMb = (settledHeap() - heap0) / 1e6
  const met = tasks === 100_000 ? ms < 500 && heapMb < 50 : ms < 3000 && peakRssMb < 300
  return {
    tasks: plan.tasks.length,
    's5cmd wildcard runs': plan.wildcards.length,
    // Read after the measurements: the listing is held throughout, as the budget says.
    listed: [...listing.values()].reduce((n, objects) => n + objects.length, 0),
    gc: globalThis.gc ? 'measured after gc' : 'no --expose-gc: includes garbage',
    ms: Math.round(ms),
    // CPU of the whole process (GC helper threads included): what a machine shared with other work inflates in ms but not here.
    'cpu ms': Math.round((cpu.user + cpu.system) / 1e3),
    'heap right after MB': peakMb.toFixed(1),
    'retained heap MB': heapMb.toFixed(1),
    'RSS before MB': Number.isNaN(rss0) ? 'n/a' : `${rss0.toFixed(0)} (listing held, nothing planned)`,
    'peak RSS MB': `${peakRssMb.toFixed(0)} (${peakOfPlanning ? 'while planning: VmHWM reset before' : "process lifetime: no /proc/self/clear_refs"})`,
    budget: `${met ? 'met' : 'MISSED'} (${tasks === 100_000 ? '< 500 ms, < 50 MB retained heap' : '< 3 s, < 300 MB peak RSS'})`,
  }
}

/**
 * benchPlan in a fresh process with this one's runtime flags (tsx, --expose-gc): the RSS it is
 * judged by then holds its own listing and plan, not the pages an earlier bench left committed.
 */
export function benchPlanIsolated(tasks: 100_000 | 1_000_000): Record<string, string | number> {
  const child = fileURLToPath(new URL('./plan-child.ts', import.meta.url))
  const r = spawnSync(process.execPath, [...process.execArgv, child, String(tasks)], { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (r.status !== 0) throw new Error(`plan bench (${tasks} tasks) exited ${r.status ?? r.signal}: ${r.stderr}`)
  return JSON.parse(r.stdout) as Record<string, string | number>
}
