// Preflight before Start, the theme switch and keyboard navigation.
import { expect, test } from './fixtures'
import { pickSlice } from './helpers'

test('preflight shows each check with its fix; a missing bucket is NoSuchBucket', async ({ page, demo }) => {
  await page.goto(demo.url)
  await pickSlice(page, { symbols: ['BTCUSDT'], start: '2024-12-01', end: '2024-12-02' })
  await page.getByRole('button', { name: 'Run preflight' }).click()
  const checks = page.getByRole('list', { name: 'Preflight checks' })
  await expect(checks.getByRole('listitem')).toHaveCount(5)
  await expect(checks.getByRole('listitem').filter({ hasText: 'Credentials:' })).toContainText('OK')
  await expect(checks.getByRole('listitem').filter({ hasText: 'explicit keys' })).not.toContainText(demo.s3.secretAccessKey)
  await expect(checks.getByRole('listitem').filter({ hasText: `Destination s3://${demo.destinationBucket}` })).toContainText('written and deleted')
  await expect(checks.getByRole('listitem').filter({ hasText: 'Source s3://' })).toContainText('reachable')
  await expect(checks.getByRole('listitem').filter({ hasText: 'Regions:' })).toContainText('same region')
  await expect(page.getByText('ready to start')).toBeVisible()
  await page.getByRole('region', { name: 'Plan' }).screenshot({ path: 'artifacts/e2e/preflight.png' })

  await page.getByLabel('Destination bucket').fill('no-such-lake')
  // The old result belongs to the old config: it disappears as soon as the form changes.
  await expect(checks).toHaveCount(0)
  await page.getByRole('button', { name: 'Run preflight' }).click()
  const dest = checks.getByRole('listitem').filter({ hasText: 'Destination s3://no-such-lake' })
  await expect(dest).toContainText('Failed')
  await expect(dest).toContainText('NoSuchBucket')
  await expect(dest).toContainText('Fix: Create the bucket')
  await expect(page.getByText('fix the red lines first')).toBeVisible()
})

test('dark theme and keyboard navigation between screens', async ({ page, demo }) => {
  await page.goto(demo.url)
  await page.getByLabel('Theme').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const history = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' })
  await history.focus()
  await page.keyboard.press('Enter')
  await expect(history).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('region', { name: 'Job history' })).toContainText('No jobs yet')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Selection' })).toBeVisible()
  await page.screenshot({ path: 'artifacts/e2e/dark-copy.png' })
  // The choice survives a reload.
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})
