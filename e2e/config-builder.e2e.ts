// Config builder: templates, inline CE validation, import/export of the spec's JSON, AWS
// profiles (names and regions only) and destinations saved by name.
import { readFile } from 'node:fs/promises'
import { expect, test } from './fixtures'
import { pickSlice, stat } from './helpers'

test('templates, inline validation, JSON import/export, profiles and saved destinations', async ({ page, demo }) => {
  await page.goto(demo.url)
  await pickSlice(page, { symbols: ['BTCUSDT'], start: '2024-12-01', end: '2024-12-03' })
  await page.getByText('Job settings').click()

  await page.getByLabel('Template').selectOption('high-performance')
  await expect(page.getByLabel('Batch size')).toHaveValue('500')
  await expect(page.getByLabel('Part size (MB)')).toHaveValue('100')
  await expect(page.getByLabel('Max concurrent copies')).toHaveValue('32')
  await expect(page.getByLabel('Operation mode')).toHaveValue('direct_sync')

  await page.getByLabel('Batch size').fill('5000')
  await expect(page.getByLabel('Batch size')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('CE003 must be at most 1000')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Start copy' })).toBeDisabled()
  await page.getByLabel('Batch size').fill('200')
  await expect(stat(page.getByRole('region', { name: 'Plan' }), 'Objects')).toHaveText('6')
  await page.getByRole('region', { name: 'Selection' }).screenshot({ path: 'artifacts/e2e/config-builder.png' })

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export job JSON' }).click()])
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'))
  expect(exported).toMatchObject({ operation_mode: 'direct_sync', symbols: ['BTCUSDT'], performance_optimization: { max_concurrent: 32, batch_size: 200, part_size_mb: 100 } })

  const file = { ...exported, symbols: ['ETHUSDT', 'BNBUSDT'], verify: 'size', s3_config: { access_key_id: 'AKIAIMPORTED', secret_access_key: 'imported-secret' } }
  await page.getByLabel('Import job JSON').setInputFiles({ name: 'job.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })
  await expect(page.getByText('credentials in the file were ignored')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove ETHUSDT' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove BTCUSDT' })).toHaveCount(0)
  await expect(page.getByLabel('Verify')).toHaveValue('size')

  const profile = page.getByLabel('AWS profile')
  await expect(profile.getByRole('option', { name: 'e2e-lake (eu-west-1)' })).toHaveCount(1)
  expect(await page.content()).not.toContain('e2e-secret')

  await page.getByLabel('Save destination as').fill('research lake')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved “research lake”.')).toBeVisible()
  await page.getByLabel('Destination bucket').fill('elsewhere')
  await page.getByLabel('Saved destination').selectOption('research lake')
  await expect(page.getByLabel('Destination bucket')).toHaveValue(demo.destinationBucket)
})
