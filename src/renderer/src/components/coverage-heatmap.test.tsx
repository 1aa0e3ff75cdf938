import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useViewStore } from '../state/view-store'
import { CoverageHeatmap } from './coverage-heatmap'
import { renderWithApi } from './testing/render-with-api'

const CONFIG = { markets: ['spot'], symbols: ['BTCUSDT', 'ETHUSDT'] }

// e: in the archive, to copy · c: already copied · m: missing · '.': not planned
const COVERAGE = { symbols: ['BTCUSDT', 'ETHUSDT'], periods: ['2024-01-30', '2024-01-31', '2024-02-01'], rows: ['eec', 'm.e'], truncated: false }

describe('CoverageHeatmap', () => {
  it('draws the planned slice and says in words what it shows', async () => {
    const { calls } = renderWithApi(<CoverageHeatmap config={CONFIG} />, { 'plan:coverage': () => COVERAGE })
    const img = await screen.findByRole('img', { name: /^Coverage heatmap/ })
    expect(img.getAttribute('aria-label')).toBe('Coverage heatmap: 2 symbols, 2024-01-30 to 2024-02-01: 3 to copy, 1 already copied, 1 missing.')
    expect(screen.getByText('Coverage by symbol and date')).toBeTruthy()
    // Axis: the first day of each month; rows: one label per symbol.
    expect(screen.getByText('2024-01')).toBeTruthy()
    expect(screen.getByText('2024-02')).toBeTruthy()
    expect(screen.getByText('BTCUSDT')).toBeTruthy()
    expect(screen.getByText('ETHUSDT')).toBeTruthy()
    // The planned cells only: five of six (one period of ETHUSDT is not planned).
    expect(img.querySelectorAll('rect')).toHaveLength(5)
    const legend = screen.getByRole('list', { name: 'Heatmap legend' })
    expect([...legend.querySelectorAll('li')].map((li) => li.textContent?.trim())).toEqual(['in the archive, to copy', 'already copied', 'missing from the archive'])
    expect(calls).toEqual([{ command: 'plan:coverage', request: { config: CONFIG } }])
  })

  it('opens the preview of a cell the archive has, not of a missing one', async () => {
    useViewStore.getState().openPreview(null)
    renderWithApi(<CoverageHeatmap config={CONFIG} />, { 'plan:coverage': () => COVERAGE })
    const img = await screen.findByRole('img', { name: /^Coverage heatmap/ })
    const cell = (title: string) => [...img.querySelectorAll('rect')].find((r) => r.querySelector('title')?.textContent?.startsWith(title))!
    fireEvent.click(cell('ETHUSDT 2024-01-30'))
    expect(useViewStore.getState().previewKey).toBeNull()
    fireEvent.click(cell('BTCUSDT 2024-01-31'))
    expect(useViewStore.getState().previewKey).toBe('data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-31.zip')
  })

  it('says when the server cut the grid short', async () => {
    renderWithApi(<CoverageHeatmap config={CONFIG} />, { 'plan:coverage': () => ({ ...COVERAGE, truncated: true }) })
    expect((await screen.findByRole('img', { name: /^Coverage heatmap/ })).getAttribute('aria-label')).toMatch(/1 missing \(truncated\)\.$/)
  })

  it('asks nothing without a plan and shows nothing for an empty one', async () => {
    const none = renderWithApi(<CoverageHeatmap config={null} />, { 'plan:coverage': () => COVERAGE })
    expect(none.calls).toHaveLength(0)
    expect(none.container.textContent).toBe('')
    none.unmount()
    const empty = renderWithApi(<CoverageHeatmap config={CONFIG} />, { 'plan:coverage': () => ({ symbols: [], periods: [], rows: [], truncated: false }) })
    await waitFor(() => expect(empty.calls).toHaveLength(1))
    expect(screen.queryByRole('img')).toBeNull()
  })
})
