// Job history and the efficiency report: a finished copy is listed, its report opens with the
// spec's statistics and charts, exports download as JSON/CSV/HTML, and re-run starts it again.
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { count, pickSlice, startCopy, stat } from './helpers'

// BTCUSDT spot klines 1h, five days: five zips and their .CHECKSUM siblings in the demo archive.
const SLICE = { symbols: ['BTCUSDT'], start: '2024-12-01', end: '2024-12-05' }
const OBJECTS = 10

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  const path = await d.path()
  return { name: d.suggestedFilename(), text: await readFile(path, 'utf8') }
}

test('history lists the job; the report opens, exports and the job re-runs', async ({ page, demo }) => {
  await page.goto(demo.url)
  await pickSlice(page, SLICE)
  await startCopy(page, OBJECTS)
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(stat(summary, 'Files synced')).toHaveText(count(OBJECTS), { timeout: 60_000 })

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click()
  const jobs = page.getByRole('table', { name: 'Past jobs' })
  const row = jobs.getByRole('row').filter({ hasText: 'completed' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('BTCUSDT')
  await expect(row).toContainText(`${OBJECTS} synced`)
  // A completed job has nothing to resume.
  await expect(row.getByRole('button', { name: /^Resume/ })).toHaveCount(0)
  await page.screenshot({ path: 'artifacts/e2e/history.png' })

  await row.getByRole('button', { name: /^Open report/ }).click()
  const report = page.getByRole('region', { name: 'Efficiency report' })
  await expect(stat(report, 'Files synced')).toHaveText(count(OBJECTS))
  await expect(stat(report, 'Success rate')).toHaveText('100.00%')
  await expect(stat(report, 'Operations reduced')).toHaveText(count(OBJECTS))
  await expect(stat(report, 'Network transfer reduction')).toHaveText('100.00%')
  await expect(report.getByRole('img', { name: /^Files by outcome: synced 10, skipped 0, failed 0/ })).toBeVisible()
  await expect(report.getByText('Mode decisions')).toBeVisible()
  // Verification (verify: etag by default): every zip and checksum file proved.
  await expect(stat(report, 'Verify level')).toHaveText('etag')
  await expect(stat(report, 'Files verified')).toHaveText(count(OBJECTS))
  await expect(stat(report, 'Checksum mismatches')).toHaveText('0')
  await page.screenshot({ path: 'artifacts/e2e/report.png', fullPage: true })

  const json = await download(page, 'Export JSON')
  expect(json.name).toMatch(/^archive-sync-report-.+\.json$/)
  expect(JSON.parse(json.text)).toMatchObject({ files_synced: OBJECTS, status: 'completed' })
  const csv = await download(page, 'Export CSV')
  expect(csv.text.split('\r\n')[0]).toBe('section,name,value,detail')
  expect(csv.text).toContain(`statistic,files_synced,${OBJECTS},`)
  expect(csv.text).toContain(`statistic,files_verified,${OBJECTS},`)
  const html = await download(page, 'Export HTML')
  expect(html.text).toContain('<svg role="img" aria-label="Files by outcome"')
  expect(html.text).not.toMatch(/<script|src=|<link/i)

  await page.getByRole('button', { name: 'Back to history' }).click()
  await row.getByRole('button', { name: /^Re-run/ }).click()
  // Same config again: everything is at the destination now, so all of it is skipped.
  const again = page.getByRole('region', { name: 'Summary' })
  await expect(stat(again, 'Files skipped')).toHaveText(count(OBJECTS), { timeout: 60_000 })
  await expect(stat(again, 'Files synced')).toHaveText('0')
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click()
  await expect(jobs.getByRole('row').filter({ hasText: 'completed' })).toHaveCount(2)
})
