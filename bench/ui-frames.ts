// UI budget (DESIGN §9): with a 100,000-task job updating, no frame over 50 ms in Chromium.
// Serves the built renderer with the real WebSocket bridge but a synthetic job: 50 ticks of
// 2,000 task results + a snapshot every 500 ms (the aggregator's cadence at most 2/s), while the
// page scrolls the task table. Prints the worst frame (requestAnimationFrame gaps and Long
// Animation Frames). A benchmark, not a test: run `npm run build && npx tsx bench/ui-frames.ts`.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import type { JobEvent, JobSummary, Snapshot, TaskResult } from '../src/shared/contract'
import { createApp } from '../src/main/app'
import { startServer } from '../src/main/serve/server'

const TASKS = 100_000
const PER_TICK = 2_000
const TICK_MS = 500
const JOB = 'bench-ui-frames'

const RECORDER = `
  window.__frames = { worstRaf: 0, loaf: [], slow: [] }
  window.__phase = 'stream'
  let last = performance.now()
  const tick = (t) => { window.__frames.worstRaf = Math.max(window.__frames.worstRaf, t - last); last = t; requestAnimationFrame(tick) }
  requestAnimationFrame(tick)
  const onEntry = (e) => {
    window.__frames.loaf.push(e.duration)
    if (e.duration <= 50) return
    const scripts = (e.scripts || []).map((x) => x.invoker + ' ' + Math.round(x.duration)).join('; ')
    window.__frames.slow.push({ at: Math.round(e.startTime), ms: Math.round(e.duration), phase: window.__phase, scripts })
  }
  new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type: 'long-animation-frame' })
`

function snapshot(done: number, at: number, started: number): Snapshot {
  return {
    jobId: JOB, at, elapsedMs: at - started, total: { objects: TASKS, bytes: TASKS * 50_000 },
    done: { objects: done, bytes: done * 50_000, synced: done - Math.floor(done / 100) * 2, skipped: Math.floor(done / 100), failed: Math.floor(done / 100) },
    bytesPerSec: (PER_TICK * 50_000 * 1000) / TICK_MS, objectsPerSec: (PER_TICK * 1000) / TICK_MS,
    instantBytesPerSec: 0, instantObjectsPerSec: 0, etaSeconds: ((TASKS - done) / PER_TICK) * (TICK_MS / 1000), inFlight: 64, engine: 's5cmd',
  }
}

function batch(from: number): TaskResult[] {
  return Array.from({ length: PER_TICK }, (_, i) => {
    const id = from + i
    if (id % 100 === 0) return { id, outcome: 'failed', bytes: 0, errorClass: id % 300 === 0 ? 'checksum' : 'network', reason: `ECONNRESET while copying part ${id % 7}` }
    if (id % 100 === 1) return { id, outcome: 'skipped', bytes: 50_000, reason: 'already at the destination: same size, same version' }
    return { id, outcome: 'synced', bytes: 50_000, engine: 's5cmd' }
  })
}

export async function benchUiFrames(): Promise<Record<string, string | number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'archive-sync-bench-ui-'))
  const app = createApp({ transport: 'websocket', dataDir })
  const listeners = new Set<(e: JobEvent) => void>()
  const started = Date.now()
  let current = snapshot(0, started, started)
  const summary = (): JobSummary => ({ jobId: JOB, state: 'running', createdAt: new Date(started).toISOString(), label: 'bench: 100,000 synthetic tasks', snapshot: current, report: null })
  const handlers = { ...app.handlers, 'jobs:list': async () => ({ jobs: [summary()] }), 'jobs:status': async () => summary() }
  const server = await startServer({
    handlers,
    onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    rendererDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
  })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(server.url)
    await page.getByRole('table', { name: /^Tasks/ }).waitFor()
    // A string, not a function: tsx's keepNames would inject a __name helper the page lacks.
    await page.evaluate(RECORDER)
    const table = page.getByRole('table', { name: /^Tasks/ })
    await table.hover()
    for (let from = 0; from < TASKS; from += PER_TICK) {
      const events: JobEvent[] = [{ type: 'task-batch', jobId: JOB, results: batch(from) }]
      current = snapshot(from + PER_TICK, Date.now(), started)
      events.push({ type: 'snapshot', jobId: JOB, snapshot: current })
      for (const e of events) for (const l of listeners) l(e)
      await page.mouse.wheel(0, 600)
      await new Promise((r) => setTimeout(r, TICK_MS))
    }
    await page.getByRole('status').filter({ hasText: '100,000 shown' }).waitFor({ timeout: 30_000 })
    // Filters over the full table, with the frame recorder still running.
    await page.evaluate("window.__phase = 'filter'")
    await page.getByRole('radio', { name: 'Failed' }).check()
    await page.getByRole('status').filter({ hasText: '1,000 shown' }).waitFor()
    await page.getByRole('radio', { name: 'All' }).check()
    await page.evaluate("window.__phase = 'search'")
    await page.getByRole('searchbox', { name: 'Search tasks' }).fill('part 3')
    await page.getByRole('status').filter({ hasText: /^\d{3} shown/ }).waitFor()
    await page.waitForTimeout(500)
    const f = (await page.evaluate('window.__frames')) as { worstRaf: number; loaf: number[]; slow: { at: number; ms: number; phase: string; scripts: string }[] }
    const worstLoaf = f.loaf.length ? Math.max(...f.loaf) : 0
    return {
      tasks: TASKS,
      'worst raf gap ms': Math.round(f.worstRaf * 10) / 10,
      // Chromium reports only frames over 50 ms as long-animation-frame entries.
      'worst LoAF ms': worstLoaf > 0 ? Math.round(worstLoaf * 10) / 10 : 'none over 50',
      'LoAFs > 50 ms': f.slow.map((x) => `${x.ms} ms in ${x.phase} (${x.scripts})`).join(' | ') || 'none',
      budget: 'no frame over 50 ms',
    }
  } finally {
    await browser.close()
    await server.close()
    await app.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const row = await benchUiFrames()
  console.log(`UI with a 100,000-task job updating (budget: no frame over 50 ms)\n${Object.entries(row).map(([k, v]) => `  ${k.padEnd(18)} ${v}`).join('\n')}`)
}
