// The analyst's first hour against the demo: a first screen that plans data without any input,
// a run watched in view, the report of the job just run, a look at the data before copying
// (ms and µs spot files read the same), and Update copying only what the archive gained.
// Screenshots of each screen at 1280×720 and 1440×900 go to test-results/screens/.
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { makeArchiveFile } from '../src/main/dev/fixtures'
import { expect, test } from './fixtures'
import { count, pickSlice, stat } from './helpers'

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]
// Three symbols × 62 days × (zip + .CHECKSUM), less BTCUSDT 2025-01-15 which the demo lacks.
const TO_COPY = 3 * 62 * 2 - 2
const UTC_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/

/** One screenshot per size, of the viewport as a person sees it; the page keeps the first size after. */
async function shoot(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await page.screenshot({ path: `test-results/screens/${name}-${size.width}x${size.height}.png` })
  }
  await page.setViewportSize(SIZES[0])
}

/** The symbol the first screen plans without input (the dataset's first known one). */
async function suggestedSymbol(page: Page): Promise<string> {
  const note = page.getByText(/None chosen: the plan uses/)
  await expect(note).toBeVisible()
  return (await note.locator('strong').textContent()) ?? ''
}

const nav = (page: Page, screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen }).click()

async function jobIds(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'jobs')).catch(() => [] as string[])).sort()
}

test('first load plans data without input; the run stays in view; Report opens on it', async ({ page, demo }) => {
  await page.goto(demo.url)
  const plan = page.getByRole('region', { name: 'Plan' })
  const symbol = await suggestedSymbol(page)
  // The newest whole month of the demo's spot klines 1h (December 2024 – January 2025).
  await expect(page.getByLabel('Start date')).toHaveValue('2025-01-01')
  await expect(page.getByLabel('End date')).toHaveValue('2025-01-31')
  await expect(stat(plan, 'To copy')).toHaveText(count(62))
  await expect(page.getByText(/CE0\d\d/)).toHaveCount(0)
  await shoot(page, 'copy')

  // The whole demo, one copy at a time: long enough to be held with the pause shortcut.
  await pickSlice(page, { symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'], start: '2024-12-01', end: '2025-01-31', workers: '1' })
  await expect(stat(plan, 'To copy')).toHaveText(count(TO_COPY))
  await page.getByRole('button', { name: 'Start copy' }).click()
  const monitor = page.getByRole('region', { name: 'Live monitor' })
  await expect(monitor).toBeInViewport()
  await expect(monitor).toBeFocused()
  const state = monitor.getByRole('status').first()
  await expect(state).toHaveText('running')
  await page.keyboard.press('Alt+P')
  await expect(state).toHaveText('paused')
  await expect(page.getByRole('region', { name: 'Running jobs' })).toContainText(symbol)
  await shoot(page, 'monitor')
  await page.keyboard.press('Alt+P')
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(stat(summary, 'Files synced')).toHaveText(count(TO_COPY), { timeout: 120_000 })
  await expect(summary).toBeInViewport()
  await shoot(page, 'summary')

  const [jobId] = await jobIds(demo.dataDir)
  await nav(page, 'Report')
  const report = page.getByRole('region', { name: 'Efficiency report' })
  await expect(report).toContainText(jobId)
  await expect(stat(report, 'Files synced')).toHaveText(count(TO_COPY))
  await shoot(page, 'report')
  await nav(page, 'History')
  await expect(page.getByRole('table', { name: 'Past jobs' })).toContainText(symbol)
  await shoot(page, 'history')
})

test('validation waits for a touch, then shows its code', async ({ page, demo }) => {
  await page.goto(demo.url)
  await suggestedSymbol(page)
  await page.getByLabel('End date').fill('2024-12-01')
  await expect(page.getByRole('list', { name: 'Configuration problems' })).toContainText('CE004')
})

test('preview shows the first rows with UTC date-times, the same for ms and µs spot files', async ({ page, demo }) => {
  await page.goto(demo.url)
  const symbol = await suggestedSymbol(page)
  // 31 December 2024 is in milliseconds, 1 January 2025 in microseconds (spot's switch).
  await page.getByLabel('Start date').fill('2024-12-31')
  await page.getByLabel('End date').fill('2025-01-01')
  const picker = page.getByLabel('File to preview')
  const times: Record<string, string[]> = {}
  for (const day of ['2024-12-31', '2025-01-01']) {
    await picker.selectOption({ label: `${symbol} ${day}` })
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    const file = `${symbol}-1h-${day}.zip`
    const table = page.getByRole('table', { name: `Preview of ${file}` })
    await expect(table.getByRole('columnheader')).toHaveText([
      'Open time (UTC)', 'Open', 'High', 'Low', 'Close', 'Volume', 'Close time (UTC)', 'Quote asset volume', 'Number of trades',
      'Taker buy base asset volume', 'Taker buy quote asset volume', 'Ignore',
    ])
    const rows = table.getByRole('row').filter({ has: page.getByRole('cell') })
    expect(await rows.count()).toBeGreaterThanOrEqual(5)
    const opens = await rows.locator('td:first-child').allTextContents()
    for (const t of opens) expect(t).toMatch(UTC_TIME)
    expect(opens[0]).toBe(`${day} 00:00:00`)
    times[day] = opens.map((t) => t.slice(11))
    await expect(page.getByRole('img', { name: `Close price of ${file}` })).toBeVisible()
    if (day === '2025-01-01') await expect(page.getByText('Open time, Close time in microseconds')).toBeVisible()
  }
  // Hour by hour the same times of day: the unit was detected, not assumed.
  expect(times['2025-01-01']).toEqual(times['2024-12-31'])
  await shoot(page, 'preview')
})

test('Update on a finished job copies only what the archive gained since', async ({ page, demo }) => {
  await page.goto(demo.url)
  const symbol = await suggestedSymbol(page)
  await expect(stat(page.getByRole('region', { name: 'Plan' }), 'To copy')).toHaveText(count(62))
  await page.keyboard.press('Alt+S')
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(stat(summary, 'Files synced')).toHaveText(count(62), { timeout: 60_000 })

  // The archive publishes the next day: one more zip and its .CHECKSUM.
  const next = makeArchiveFile({ market: 'spot', frequency: 'daily', dataType: 'klines', symbol, interval: '1h', period: '2025-02-01' })
  await demo.client.send(new PutObjectCommand({ Bucket: demo.sourceBucket, Key: next.key, Body: next.zip }))
  await demo.client.send(new PutObjectCommand({ Bucket: demo.sourceBucket, Key: next.checksumKey, Body: next.checksum }))

  await nav(page, 'History')
  const [first] = await jobIds(demo.dataDir)
  await page.getByRole('button', { name: `Update ${first}` }).click()
  await expect(stat(summary, 'Files synced')).toHaveText(count(2), { timeout: 60_000 })
  await expect(stat(summary, 'Files skipped')).toHaveText(count(62))
  const prefix = demo.destinationPrefix.replace(/\/+$/, '')
  expect(await demo.listKeys(demo.destinationBucket, `${prefix}/${next.key}`)).toEqual([`${prefix}/${next.key}`, `${prefix}/${next.checksumKey}`])
  await nav(page, 'History')
  await expect(page.getByRole('table', { name: 'Past jobs' }).getByRole('row').filter({ hasText: 'latest' })).toHaveCount(1)
})
