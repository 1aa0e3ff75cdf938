// Live monitor: the task table fills from task-batch events and filters; pause and continue; leaving asks first;
// reopening the page follows the held job again; cancel stops it and History resumes it.
import { expect, test } from './fixtures'
import { pickSlice } from './helpers'

// Each copy answered 15 ms later, about what S3 takes: 370 copies on one worker last ~6 s, so
// Pause lands while the job runs however fast this machine copies on loopback.
test.use({ copyLatencyMs: 15 })

test('task table, leave prompt, reopen and cancel of a running copy', async ({ page, demo }) => {
  await page.goto(demo.url)
  // The whole demo range for three symbols on one worker; Pause holds it while it is watched and reloaded.
  await pickSlice(page, { symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'], start: '2024-12-01', end: '2025-01-31', workers: '1' })
  await expect(page.getByRole('button', { name: 'Start copy' })).toBeEnabled()
  await page.getByRole('button', { name: 'Start copy' }).click()
  const monitor = page.getByRole('region', { name: 'Live monitor' })
  await expect(monitor.getByRole('status').first()).toHaveText('running')

  const tasks = monitor.getByRole('table', { name: /^Tasks/ })
  await expect(tasks.getByRole('row').first()).toContainText('synced')
  // Pause holds new work (in-flight copies finish): the job cannot end while the page is looked
  // at and reloaded.
  await monitor.getByRole('button', { name: 'Pause' }).click()
  await expect(monitor.getByRole('status').first()).toHaveText('paused')
  await monitor.getByRole('radio', { name: 'Skipped' }).check()
  await expect(monitor.getByRole('status').filter({ hasText: /shown$/ })).toHaveText('0 shown')
  await monitor.getByRole('radio', { name: 'All' }).check()
  // The first day's zip and its .CHECKSUM, in the order their results came (s5cmd may report the small one first).
  await monitor.getByRole('searchbox', { name: 'Search tasks' }).fill('BTCUSDT-1h-2024-12-01.zip')
  await expect(tasks.getByRole('row')).toHaveCount(2)
  await expect(tasks.getByRole('row').filter({ hasText: /^#0BTCUSDT-1h-2024-12-01\.zipsynced/ })).toHaveCount(1)
  await monitor.screenshot({ path: 'artifacts/e2e/monitor-tasks.png' })

  // Continue picks up where it held; Pause holds it again.
  await monitor.getByRole('button', { name: 'Continue' }).click()
  await expect(monitor.getByRole('status').first()).toHaveText('running')
  await monitor.getByRole('button', { name: 'Pause' }).click()
  await expect(monitor.getByRole('status').first()).toHaveText('paused')

  // Reloading while the job is active asks first (beforeunload); accepting reloads the page.
  const asked = page.waitForEvent('dialog').then(async (d) => {
    const type = d.type()
    await d.accept()
    return type
  })
  await page.reload({ waitUntil: 'commit' })
  expect(await asked).toBe('beforeunload')

  // The reopened page follows the job still held in main; cancel ends it with every task accounted for.
  const again = page.getByRole('region', { name: 'Live monitor' })
  await expect(again.getByRole('status').first()).toHaveText('paused')
  await again.getByRole('button', { name: 'Cancel' }).click()
  await expect(again.getByRole('status').first()).toHaveText('cancelled', { timeout: 60_000 })

  // Resume from the history: the copy carries on and ends with every object there.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click()
  const row = page.getByRole('table', { name: 'Past jobs' }).getByRole('row').filter({ hasText: 'cancelled' })
  await row.getByRole('button', { name: /^Resume/ }).click()
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(summary.getByRole('term').filter({ hasText: /^Status$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('completed', { timeout: 120_000 })
  await expect(summary.getByRole('term').filter({ hasText: /^Files failed$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('0')
})
