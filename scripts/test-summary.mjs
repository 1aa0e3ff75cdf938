// Prints one `N passed, N failed[, N skipped]` line from the Vitest and Playwright JSON results.
// A failing stage with no failing test (build, lint, typecheck) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

const status = Number(process.argv[2] ?? 0)
const read = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : undefined)
let passed = 0
let failed = 0
let skipped = 0
const notes = []

const vitest = read('test-results/vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0)
} else notes.push('vitest did not run')

const pw = read('test-results/playwright.json')
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky
  failed += pw.stats.unexpected
  skipped += pw.stats.skipped
} else notes.push('playwright did not run')

if (status !== 0 && failed === 0) {
  failed = 1
  notes.push(`npm test exited ${status} before or outside the test runners (build, lint or typecheck)`)
}
for (const n of notes) console.log(`note: ${n}`)
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
