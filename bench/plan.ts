// Budgets: plan 100,000 tasks from a listing in < 0.5 s with < 50 MB retained heap, and
// 1,000,000 in < 3 s with the process under 300 MB RSS (listing held, plan made).
import { validateConfig } from '../src/shared/config/validate'
import { buildPlan, planFolders, type ListedObject } from '../src/shared/plan'

export function benchPlan(tasks: 100_000 | 1_000_000 = 100_000): Record<string, string | number> {
  // 25 (250) symbols × 2 intervals × 1,000 days × (zip + .CHECKSUM) = 100,000 (1,000,000) tasks.
  const symbols = Array.from({ length: tasks / 4_000 }, (_, i) => `SYM${i}USDT`)
  const r = validateConfig(
    { destination_bucket: 'lake', destination_prefix: 'bronze/binance', markets: ['spot'], symbols, data_types: ['klines'], intervals: ['1h', '1d'], date_range: { start: '2021-01-01', end: '2023-09-27' } },
    { now: new Date('2026-11-23T00:00:00Z') },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  const folders = planFolders(r.config, '2026-11-23')
  const listing = new Map<string, ListedObject[]>()
  for (const f of folders) listing.set(f.folder, f.expected.flatMap((key) => [{ key, size: 61_234, etag: 'e' }, { key: `${key}.CHECKSUM`, size: 91, etag: 'c' }]))
  const destination = new Map<string, ListedObject>()
  // Retained heap: what the plan keeps alive after garbage collection (run with --expose-gc).
  // "Right after" also counts the garbage not yet collected (key strings built as ropes, maps).
  const gc = globalThis.gc ?? (() => undefined)
  gc()
  const heap0 = process.memoryUsage().heapUsed
  const t0 = performance.now()
  const plan = buildPlan(r.config, planFolders(r.config, '2026-11-23'), listing, destination)
  const ms = performance.now() - t0
  const peakMb = (process.memoryUsage().heapUsed - heap0) / 1e6
  gc()
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6
  // maxRSS is the process's peak in kB: the listing, the plan and the garbage between them.
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6
  const met = tasks === 100_000 ? ms < 500 && heapMb < 50 : ms < 3000 && peakRssMb < 300
  return { tasks: plan.tasks.length, gc: globalThis.gc ? 'measured after gc' : 'no --expose-gc: includes garbage', ms: Math.round(ms), 'heap right after MB': peakMb.toFixed(1), 'retained heap MB': heapMb.toFixed(1), 'peak RSS MB': peakRssMb.toFixed(0), budget: `${met ? 'met' : 'MISSED'} (${tasks === 100_000 ? '< 500 ms, < 50 MB retained heap' : '< 3 s, < 300 MB peak RSS'})` }
}
