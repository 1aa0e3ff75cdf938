// npm run bench: prints the figures behind the budgets of DESIGN §9. Never a pass/fail test.
import { benchCopy } from './copy'
import { benchDiscovery } from './discovery'
import { benchEngines } from './engines'
import { benchJournal } from './journal'
import { benchPeers } from './peers'
import { benchPhases } from './phases'
import { benchPlanIsolated } from './plan'

const table = (title: string, row: Record<string, string | number>) =>
  console.log(`${title}\n${Object.entries(row).map(([k, v]) => `  ${k.padEnd(16)} ${v}`).join('\n')}\n`)

/** The peers table: one row per tool, columns aligned. */
function peersTable(p: Awaited<ReturnType<typeof benchPeers>>): void {
  const cols = [...new Set(p.rows.flatMap((r) => Object.keys(r)))]
  const width = cols.map((c) => Math.max(c.length, ...p.rows.map((r) => (r[c] ?? '').length)))
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(width[i])).join('  ')}`
  console.log(`${p.title}\n${[line(cols), ...p.rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\n')}\n${p.notes.map((n) => `  ${n}`).join('\n')}\n`)
}

if (process.argv.includes('--phases-only')) {
  table('Fixed costs of a 1,000-object CLI job, by phase', await benchPhases(1000))
  process.exit(0)
}

if (process.argv.includes('--peers-only')) {
  peersTable(await benchPeers())
  process.exit(0)
}

table('Plan 100,000 tasks from listings fed folder by folder (budget < 0.5 s, < 50 MB retained heap)', benchPlanIsolated(100_000))
table('Plan 1,000,000 tasks from listings fed folder by folder (budget < 3 s, < 300 MB peak RSS)', benchPlanIsolated(1_000_000))
if (process.argv.includes('--plan-only')) process.exit(0)
table('Discovery of a 10,000-object prefix (budget: 10 list requests)', await benchDiscovery())
table('Direct copy (engine chosen by the router), 1,000 small objects', await benchCopy(1000, { direct: true }))
table('Traditional cycle (direct sync off: temp file, then upload), 1,000 small objects', await benchCopy(1000, { direct: false }))
for (const { title, row } of await benchEngines()) table(title, row)
table('Journaling share of a 10,000-object server-side job (budget < 5 % of wall time)', await benchJournal(10_000))
table('Direct copy, 10,000 objects (engine RSS budget: 100 MB + 1 KB/object)', await benchCopy(10_000, { direct: true }))
if (process.argv.includes('--large')) table('The same job under `node bin/archive-sync.js` (no V8 flags)', await benchCopy(10_000, { direct: true, launch: 'node' }))
table('Fixed costs of a 1,000-object CLI job, by phase', await benchPhases(1000))
peersTable(await benchPeers())
