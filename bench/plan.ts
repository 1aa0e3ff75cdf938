// Budgets: plan 100,000 tasks from listings in < 0.5 s with < 50 MB retained heap, and
// 1,000,000 in < 3 s with the process under 300 MB RSS. The planner is fed as make-plan.ts feeds
// it: folder by folder, each listing made just before it is added (as its response would arrive)
// and let go once planned, so the whole listing is never held.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { validateConfig, type JobConfig } from '../src/shared/config/validate'
import { planFolders, type FolderPlan, type ListedObject } from '../src/shared/plan'
import { createPlanner } from '../src/shared/planner'
import { folderWildcardRuns, type WildcardRun } from '../src/shared/plan-wildcards'

const TODAY = '2026-11-23'

/**
 * One folder's listing as a parsed response holds it: one flat string per key, laid out together.
 * The keys planFolders makes are ropes (chains of concatenation nodes: 226 B a key against 96 B
 * flat, measured); a structured clone deserialises the listing into fresh, compact heap pages.
 * Every object has an ETag of its own, 32 hex digits as S3 lists it: the plan keeps it (the
 * verifier compares it), about 48 B a task that one shared one-letter string would hide.
 */
let objectsListed = 0
const etag = () => (objectsListed++).toString(16).padStart(32, '0')
const listingOf = (f: FolderPlan): ListedObject[] =>
  structuredClone(f.expected.flatMap((key) => [{ key, size: 61_234, etag: etag() }, { key: `${key}.CHECKSUM`, size: 91, etag: etag() }]))

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

/**
 * The measured work, in a frame of its own (the folders it makes die with it): the listings made
 * one by one and handed over, the wildcard runs worked out as each is let go (make-plan.ts).
 * `planMs` counts the planner alone, not the making of the listings that stand in for responses.
 */
function planOf(config: JobConfig) {
  const t0 = performance.now()
  const folders = planFolders(config, TODAY)
  const wildcards: WildcardRun[] = []
  let listed = 0
  let planMs = performance.now() - t0
  const planner = createPlanner(config, folders, { onRelease: (r) => wildcards.push(...folderWildcardRuns(r.folder, r.objects, r.taken, r.missing)) })
  for (const f of folders) {
    const objects = listingOf(f)
    listed += objects.length
    const t = performance.now()
    planner.add(f.folder, objects)
    planMs += performance.now() - t
  }
  const t = performance.now()
  const plan = planner.finish()
  planMs += performance.now() - t
  return { plan, wildcards, listed, planMs }
}

export function benchPlan(tasks: 100_000 | 1_000_000 = 100_000): Record<string, string | number> {
  // 25 (250) symbols × 2 intervals × 1,000 days × (zip + .CHECKSUM) = 100,000 (1,000,000) tasks.
  const symbols = Array.from({ length: tasks / 4_000 }, (_, i) => `SYM${i}USDT`)
  const r = validateConfig(
    { destination_bucket: 'lake', destination_prefix: 'bronze/binance', markets: ['spot'], symbols, data_types: ['klines'], intervals: ['1h', '1d'], date_range: { start: '2021-01-01', end: '2023-09-27' } },
    { now: new Date('2026-11-23T00:00:00Z') },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  // Retained heap: what the plan keeps alive after garbage collection (run with --expose-gc).
  // "Right after" also counts the garbage not yet collected.
  const heap0 = settledHeap()
  const peakOfPlanning = resetPeakRss()
  const rss0 = peakOfPlanning ? rssMb('VmRSS') : NaN
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const { plan, wildcards, listed, planMs } = planOf(r.config)
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const peakRssMb = peakOfPlanning ? rssMb('VmHWM') : (process.resourceUsage().maxRSS * 1024) / 1e6
  const peakMb = (process.memoryUsage().heapUsed - heap0) / 1e6
  const heapMb = (settledHeap() - heap0) / 1e6
  const met = tasks === 100_000 ? planMs < 500 && heapMb < 50 : planMs < 3000 && peakRssMb < 300
  return {
    tasks: plan.tasks.length,
    's5cmd wildcard runs': wildcards.length,
    listed,
    gc: globalThis.gc ? 'measured after gc' : 'no --expose-gc: includes garbage',
    ms: `${Math.round(planMs)} (planner; ${Math.round(ms)} with making the listings)`,
    // CPU of the whole process (GC helper threads included): what a machine shared with other work inflates in ms but not here.
    'cpu ms': `${Math.round((cpu.user + cpu.system) / 1e3)} (with making the listings)`,
    'heap right after MB': peakMb.toFixed(1),
    'retained heap MB': `${heapMb.toFixed(1)} (the plan, its keys included)`,
    'RSS before MB': Number.isNaN(rss0) ? 'n/a' : `${rss0.toFixed(0)} (Node, tsx and the modules; nothing listed)`,
    'peak RSS MB': `${peakRssMb.toFixed(0)} (${peakOfPlanning ? 'while listing and planning: VmHWM reset before' : 'process lifetime: no /proc/self/clear_refs'})`,
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
