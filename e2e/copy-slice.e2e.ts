// The main path in browser mode: pick a slice, check the plan against the source listing,
// copy it, read the summary, and prove every object arrived byte for byte.
import type { Locator, Page } from '@playwright/test'
import { expect, test, type Demo } from './fixtures'

// The demo archive (src/main/dev/fixtures.ts demoArchiveSpec) has spot klines 1h daily for
// BTCUSDT, ETHUSDT, BNBUSDT from 2024-12-01 to 2025-01-31, without BTCUSDT 2025-01-15.
const SYMBOLS = ['BTCUSDT', 'ETHUSDT']
// The whole range with few workers, so the copy lasts long enough to be watched while running.
const START = '2024-12-01'
const END = '2025-01-31'
const WORKERS = '2'

const count = (n: number) => n.toLocaleString('en-US')

/** The value (dd) described by the term (dt) `label` inside `scope`. */
const stat = (scope: Locator, label: string) =>
  scope.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]')

async function pickSlice(page: Page, dates: { start: string; end: string }) {
  await page.getByLabel('Market', { exact: true }).selectOption('spot')
  await page.getByLabel('Data type', { exact: true }).selectOption('klines')
  await page.getByLabel('Frequency', { exact: true }).selectOption('daily')
  await page.getByLabel('Interval', { exact: true }).selectOption('1h')
  const symbol = page.getByLabel('Symbols', { exact: true })
  for (const s of SYMBOLS) {
    await symbol.fill(s)
    await symbol.press('Enter')
    await expect(page.getByRole('button', { name: `Remove ${s}` })).toBeVisible()
  }
  await page.getByLabel('Start date').fill(dates.start)
  await page.getByLabel('End date').fill(dates.end)
}

/** Zips and their .CHECKSUM siblings whose day lies in [START, END], straight from the source bucket. */
async function expectedSourceKeys(demo: Demo): Promise<string[]> {
  const keys: string[] = []
  for (const s of SYMBOLS) {
    for (const key of await demo.listKeys(demo.sourceBucket, `data/spot/daily/klines/${s}/1h/`)) {
      const day = key.match(/-(\d{4}-\d{2}-\d{2})\.zip(\.CHECKSUM)?$/)?.[1]
      if (day && day >= START && day <= END) keys.push(key)
    }
  }
  return keys.sort()
}

test('copies a spot klines slice and reports it', async ({ page, demo }) => {
  const expected = await expectedSourceKeys(demo)
  expect(expected.length, 'the demo archive should have files in the test range').toBeGreaterThan(0)

  await page.goto(demo.url)
  await expect(page.getByRole('heading', { name: 'Archive Sync', level: 1 })).toBeVisible()
  await pickSlice(page, { start: START, end: END })
  await expect(page.getByLabel('Destination bucket')).toHaveValue(demo.destinationBucket)
  await expect(page.getByLabel('Destination prefix')).toHaveValue(demo.destinationPrefix)
  await page.getByLabel('Max concurrent copies').fill(WORKERS)

  const plan = page.getByRole('region', { name: 'Plan' })
  await expect(stat(plan, 'Objects')).toHaveText(count(expected.length))
  await expect(stat(plan, 'Missing files')).toHaveText('1')
  await plan.getByText('1 expected file is not in the archive').click()
  await expect(plan.getByText('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2025-01-15.zip')).toBeVisible()
  await expect(plan.getByText(`${count(expected.length)} to copy, 0 already there.`)).toBeVisible()

  const startButton = page.getByRole('button', { name: 'Start copy' })
  await expect(startButton).toBeEnabled()
  await startButton.click()

  const monitor = page.getByRole('region', { name: 'Live monitor' })
  const progress = monitor.getByRole('progressbar', { name: 'Copy progress' })
  await expect(progress).toBeVisible()
  // The first snapshot carries the totals; the bar is indeterminate before it.
  await expect(progress).toHaveAttribute('aria-valuemax', String(expected.length))
  await monitor.screenshot({ path: 'artifacts/e2e/monitor.png' })
  test.info().annotations.push({ type: 'monitor-state', description: (await monitor.getByRole('status').first().textContent()) ?? '' })

  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(stat(summary, 'Files synced')).toHaveText(count(expected.length), { timeout: 120_000 })
  await expect(stat(summary, 'Files failed')).toHaveText('0')
  await expect(stat(summary, 'Status')).toHaveText('completed')
  await expect(progress).toHaveAttribute('aria-valuenow', String(expected.length))
  await summary.screenshot({ path: 'artifacts/e2e/summary.png' })

  const prefix = demo.destinationPrefix.replace(/\/+$/, '')
  for (const key of expected) {
    const [src, dst] = await Promise.all([demo.getBytes(demo.sourceBucket, key), demo.getBytes(demo.destinationBucket, `${prefix}/${key}`)])
    expect(Buffer.compare(Buffer.from(src), Buffer.from(dst)), `${key} differs`).toBe(0)
  }
})

test('an end date before the start date shows CE004 and blocks Start', async ({ page, demo }) => {
  await page.goto(demo.url)
  await pickSlice(page, { start: END, end: START })
  const plan = page.getByRole('region', { name: 'Plan' })
  const problems = plan.getByRole('list', { name: 'Configuration problems' })
  await expect(problems.getByRole('listitem').filter({ hasText: 'CE004' })).toBeVisible()
  await expect(problems).toContainText('start on or before end')
  await expect(page.getByRole('button', { name: 'Start copy' })).toBeDisabled()
  await expect(stat(plan, 'Objects')).toHaveCount(0)
})
