import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { useSelectionStore } from '../state/selection-store'
import { PlanPanel } from './plan-panel'
import { renderWithApi } from './testing/render-with-api'

beforeEach(() => {
  // A fresh form: no symbol chosen, none suggested yet, nothing touched.
  useSelectionStore.setState({ touched: false, suggestedSymbol: null })
  useSelectionStore.getState().update({ symbols: [], destinationBucket: 'lake' })
})

describe('PlanPanel on a first load', () => {
  it('shows no code until Start is pressed, then the problem with its fix', async () => {
    const user = userEvent.setup()
    const { calls } = renderWithApi(<PlanPanel />)
    expect(screen.queryByRole('list', { name: 'Configuration problems' })).toBeNull()
    expect(screen.queryByText(/CE0\d\d/)).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    const problems = screen.getByRole('list', { name: 'Configuration problems' })
    expect(problems.textContent).toMatch(/CE014 symbols: no symbols for market spot/)
    expect(problems.textContent).toMatch(/Fix: /)
    // Nothing was started, or even planned, with an invalid config.
    expect(calls.map((c) => c.command)).not.toContain('jobs:start')
    expect(screen.getByRole('button', { name: 'Start copy' }).getAttribute('aria-keyshortcuts')).toBe('Alt+S')
  })
})
