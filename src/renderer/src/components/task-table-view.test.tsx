import { act, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TaskResult } from '../../../shared/contract'
import { formatBytes } from '../../../shared/format'
import { useTaskStore } from '../state/task-store'
import { TaskTableView } from './task-table-view'
import { renderWithApi } from './testing/render-with-api'

// jsdom lays nothing out: give the scroll box a height, as TanStack Virtual's docs suggest
// for tests, so the virtualizer has a viewport (280 px = 10 rows of 28 px) to fill.
const VIEWPORT = 280
let restore: (() => void) | null = null
beforeAll(() => {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => VIEWPORT })
  restore = () => original && Object.defineProperty(HTMLElement.prototype, 'clientHeight', original)
})
afterAll(() => restore?.())

const N = 100_000
/** Every 10th task failed (access denied), every 7th of the rest skipped. */
function results(): TaskResult[] {
  return Array.from({ length: N }, (_, id) => {
    const key = `data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-${id}.zip`
    if (id % 10 === 3) return { id, outcome: 'failed', bytes: 0, engine: 'sdk-copy', errorClass: 'permission', reason: 'AccessDenied', key }
    if (id % 7 === 0) return { id, outcome: 'skipped', bytes: 2048, reason: 'already there', key }
    return { id, outcome: 'synced', bytes: 1024, engine: 's5cmd', key }
  })
}

beforeEach(() => {
  useTaskStore.getState().reset('j1')
  useTaskStore.getState().add('j1', results())
})

const table = () => screen.getByRole('table', { name: /^Tasks/ })
const shown = () => screen.getByRole('status').textContent

describe('TaskTableView', () => {
  it('lists 100,000 tasks with a few DOM rows', () => {
    renderWithApi(<TaskTableView />)
    expect(screen.getByRole('heading', { name: 'Tasks (100,000)' })).toBeTruthy()
    expect(shown()).toBe('100,000 shown')
    const rows = within(table()).getAllByRole('row')
    expect(rows.length).toBeGreaterThanOrEqual(10)
    expect(rows.length).toBeLessThan(40)
    expect(within(rows[0]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['#0', 'BTCUSDT-1h-0.zip', 'skipped', '—', formatBytes(2048), 'already there'])
    expect(rows[3].textContent).toContain('permission: AccessDenied')
  })

  it('renders the rows scrolled to, not the first ones', () => {
    renderWithApi(<TaskTableView />)
    const box = table()
    act(() => {
      box.scrollTop = 28 * 50_000
      fireEvent.scroll(box)
    })
    const ids = within(box).getAllByRole('row').map((r) => r.getAttribute('aria-rowindex'))
    expect(ids).toContain('50001')
    expect(ids).not.toContain('1')
  })

  it('filters by outcome and searches by file name', async () => {
    const user = userEvent.setup()
    renderWithApi(<TaskTableView />)
    await user.click(screen.getByRole('radio', { name: 'Failed' }))
    expect(shown()).toBe('10,000 shown')
    for (const row of within(table()).getAllByRole('row')) expect(row.textContent).toContain('failed')

    await user.click(screen.getByRole('radio', { name: 'All' }))
    await user.type(screen.getByRole('searchbox', { name: 'Search tasks' }), '99999')
    await screen.findByText('1 shown')
    expect(within(table()).getAllByRole('row').map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['#99999'])
  })

  it('follows new results of the job as they arrive', () => {
    useTaskStore.getState().reset('j2')
    renderWithApi(<TaskTableView />)
    expect(shown()).toBe('0 shown')
    act(() => useTaskStore.getState().add('j2', [{ id: 0, outcome: 'failed', bytes: 0, errorClass: 'network', reason: 'ECONNRESET' }]))
    expect(screen.getByRole('heading', { name: 'Tasks (1)' })).toBeTruthy()
    expect(within(table()).getByRole('row').textContent).toContain('network: ECONNRESET')
  })
})
