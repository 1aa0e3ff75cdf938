// Shared steps of the e2e specs: pick a slice with the form, read a figure by its label.
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

export const count = (n: number) => n.toLocaleString('en-US')

/** The value (dd) described by the term (dt) `label` inside `scope`. */
export const stat = (scope: Locator, label: string) =>
  scope.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]')

export async function pickSlice(page: Page, o: { symbols: string[]; start: string; end: string; workers?: string }) {
  await page.getByLabel('Market', { exact: true }).selectOption('spot')
  await page.getByLabel('Data type', { exact: true }).selectOption('klines')
  await page.getByLabel('Frequency', { exact: true }).selectOption('daily')
  await page.getByLabel('Interval', { exact: true }).selectOption('1h')
  const symbol = page.getByLabel('Symbols', { exact: true })
  for (const s of o.symbols) {
    await symbol.fill(s)
    await symbol.press('Enter')
    await expect(page.getByRole('button', { name: `Remove ${s}` })).toBeVisible()
  }
  await page.getByLabel('Start date').fill(o.start)
  await page.getByLabel('End date').fill(o.end)
  if (o.workers) await page.getByLabel('Max concurrent copies').fill(o.workers)
}

/** Starts the copy once the plan is made and waits for the monitor to show it. */
export async function startCopy(page: Page, objects: number) {
  const plan = page.getByRole('region', { name: 'Plan' })
  await expect(stat(plan, 'Objects')).toHaveText(count(objects))
  await page.getByRole('button', { name: 'Start copy' }).click()
  await expect(page.getByRole('region', { name: 'Live monitor' })).toBeVisible()
}
