import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../lib/job-settings'
import { useSelectionStore } from '../state/selection-store'
import { useSettingsStore } from '../state/settings-store'
import { ConfigIssues, ErrorNote } from './config-issues'
import { JobSettingsFields } from './job-settings-fields'
import { renderWithApi } from './testing/render-with-api'

beforeEach(() => {
  useSettingsStore.getState().replace(DEFAULT_SETTINGS)
  useSelectionStore.getState().update({ symbols: ['BTCUSDT'], destinationBucket: 'lake', destinationPrefix: 'bronze' })
})

async function openSettings() {
  const user = userEvent.setup()
  renderWithApi(<JobSettingsFields />)
  await user.click(screen.getByText('Job settings'))
  return user
}

describe('JobSettingsFields', () => {
  it('offers the ranges and defaults of the config schema', async () => {
    await openSettings()
    const batch = screen.getByRole('spinbutton', { name: 'Batch size' })
    expect(batch.getAttribute('aria-invalid')).toBe('false')
    expect((batch as HTMLInputElement).value).toBe('100')
    expect(screen.getByText('1–1000, default 100')).toBeTruthy()
    expect(screen.getByText('1–10, default 3')).toBeTruthy()
  })

  it('flags an out-of-range value inline with its CE code, and clears it once fixed', async () => {
    const user = await openSettings()
    const batch = screen.getByRole('spinbutton', { name: 'Batch size' })
    await user.clear(batch)
    await user.type(batch, '5000')
    expect(batch.getAttribute('aria-invalid')).toBe('true')
    const hint = document.getElementById(batch.getAttribute('aria-describedby') ?? '')
    expect(hint?.textContent).toMatch(/^CE003 /)
    // Only the field at fault is flagged.
    expect(screen.getByRole('spinbutton', { name: 'Retry count' }).getAttribute('aria-invalid')).toBe('false')

    await user.clear(batch)
    expect(batch.getAttribute('aria-invalid')).toBe('true')
    await user.type(batch, '250')
    expect(batch.getAttribute('aria-invalid')).toBe('false')
    expect(hint?.textContent).toBe('1–1000, default 100')
  })

  it('applies a template: its settings show in the fields', async () => {
    const user = await openSettings()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), screen.getByRole('option', { name: /^Network-resilient/ }))
    expect((screen.getByRole('spinbutton', { name: 'Retry count' }) as HTMLInputElement).value).toBe('5')
    expect((screen.getByRole('combobox', { name: 'Verify' }) as HTMLSelectElement).value).toBe('sha256')
    expect((screen.getByRole('checkbox', { name: /Copy \.CHECKSUM files/ }) as HTMLInputElement).checked).toBe(true)
  })
})

describe('ConfigIssues and ErrorNote', () => {
  const issues = [
    { code: 'CE001', field: 'destination_bucket', message: 'destination bucket is required', fix: 'Set destination_bucket.' },
    { code: 'CE004', field: 'date_range', message: 'start is after end', fix: 'Swap the dates.' },
  ]

  it('lists each problem with its code, field and fix', () => {
    renderWithApi(<ConfigIssues issues={issues} />)
    const items = within(screen.getByRole('list', { name: 'Configuration problems' })).getAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      'CE001 destination_bucket: destination bucket is requiredFix: Set destination_bucket.',
      'CE004 date_range: start is after endFix: Swap the dates.',
    ])
  })

  it('shows nothing when there is nothing wrong', () => {
    const { container } = renderWithApi(<ConfigIssues issues={[]} />)
    expect(container.textContent).toBe('')
  })

  it('alerts with the error code and message, and the issues it carries', () => {
    renderWithApi(<ErrorNote title="The plan could not be made." error={{ code: 'CONFIG_INVALID', message: 'the config has 2 problems', issues }} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('The plan could not be made. CONFIG_INVALID the config has 2 problems')
    expect(within(alert).getAllByRole('listitem')).toHaveLength(2)
  })
})
