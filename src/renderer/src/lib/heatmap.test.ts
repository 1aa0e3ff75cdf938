import { describe, expect, it } from 'vitest'
import { coverageSummary, heatmapLayout } from './heatmap'

const c = { symbols: ['BTCUSDT', 'ETHUSDT'], periods: ['2024-11-30', '2024-12-01', '2024-12-02'], rows: ['ecm', 'cc.'], truncated: false }

describe('heatmap', () => {
  it('sizes cells to the width, within 3–14 px, with a tick per month', () => {
    expect(heatmapLayout(c, 600)).toMatchObject({ cell: 14, labelWidth: 90, width: 90 + 3 * 14, height: 18 + 2 * 14, ticks: [{ index: 0, text: '2024-11' }, { index: 1, text: '2024-12' }] })
    const wide = { ...c, periods: Array.from({ length: 1000 }, (_, i) => `2024-01-${i}`) }
    expect(heatmapLayout(wide, 600).cell).toBe(3)
  })
  it('ticks per year for monthly periods', () => {
    expect(heatmapLayout({ ...c, periods: ['2023-12', '2024-01'] }, 600).ticks.map((t) => t.text)).toEqual(['2023', '2024'])
  })
  it('summarises counts for screen readers', () => {
    expect(coverageSummary(c)).toBe('2 symbols, 2024-11-30 to 2024-12-02: 1 to copy, 3 already copied, 1 missing.')
  })
})
