// Matrix picker: the markets × data types grid, date presets, and the coverage heatmap moving
// from "to copy" to "already copied" once the slice is copied.
import { expect, test } from './fixtures'
import { count, pickSlice, stat } from './helpers'

const day = (d: Date) => d.toISOString().slice(0, 10)

test('matrix grid, date presets and the coverage heatmap', async ({ page, demo }) => {
  await page.goto(demo.url)
  await page.getByText('Archive matrix').click()
  const matrix = page.getByRole('table', { name: /^Archive matrix/ })
  await matrix.getByRole('button', { name: /^futures\/um fundingRate: monthly/ }).click()
  await expect(page.getByLabel('Market', { exact: true })).toHaveValue('futures/um')
  await expect(page.getByLabel('Data type', { exact: true })).toHaveValue('fundingRate')
  await expect(page.getByLabel('Frequency', { exact: true })).toHaveValue('monthly')
  await expect(matrix.getByRole('button', { name: /^futures\/um bookTicker: .*stopped$/ })).toBeVisible()

  await page.getByRole('group', { name: 'Date presets' }).getByRole('button', { name: 'Last 7 days' }).click()
  const yesterday = new Date(Date.now() - 86_400_000)
  await expect(page.getByLabel('End date')).toHaveValue(day(yesterday))
  await expect(page.getByLabel('Start date')).toHaveValue(day(new Date(yesterday.getTime() - 6 * 86_400_000)))
  await page.getByText('Archive matrix').click()

  // BTCUSDT 2025-01-15 is missing from the demo archive.
  await pickSlice(page, { symbols: ['BTCUSDT', 'ETHUSDT'], start: '2025-01-10', end: '2025-01-20' })
  const plan = page.getByRole('region', { name: 'Plan' })
  const heatmap = plan.getByRole('img', { name: /^Coverage heatmap/ })
  await expect(heatmap).toHaveAttribute('aria-label', 'Coverage heatmap: 2 symbols, 2025-01-10 to 2025-01-20: 21 to copy, 0 already copied, 1 missing.')
  await expect(stat(plan, 'Estimated cost')).toHaveText(/^\$0\.\d{4}$/)
  await plan.screenshot({ path: 'artifacts/e2e/heatmap.png' })

  await expect(stat(plan, 'Objects')).toHaveText(count(42))
  await page.getByRole('button', { name: 'Start copy' }).click()
  await expect(stat(page.getByRole('region', { name: 'Summary' }), 'Files synced')).toHaveText(count(42), { timeout: 60_000 })
  await expect(heatmap).toHaveAttribute('aria-label', 'Coverage heatmap: 2 symbols, 2025-01-10 to 2025-01-20: 0 to copy, 21 already copied, 1 missing.')
})
