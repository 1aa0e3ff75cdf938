import { act, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { TaskResult } from '../../../shared/contract'
import { FIX_BY_CLASS } from '../lib/error-groups'
import { useTaskStore } from '../state/task-store'
import { LiveErrors } from './live-errors'
import { renderWithApi } from './testing/render-with-api'

const failed = (id: number, errorClass: TaskResult['errorClass'], reason: string): TaskResult => ({ id, outcome: 'failed', bytes: 0, errorClass, reason })

beforeEach(() => useTaskStore.getState().reset('j1'))

const groups = () => within(screen.getByRole('list', { name: 'Errors by class' })).getAllByRole('listitem')

describe('error panel (LiveErrors)', () => {
  it('groups the failures so far by class, biggest first, each with its fix', () => {
    useTaskStore.getState().add('j1', [
      failed(1, 'network', 'ECONNRESET'),
      failed(2, 'permission', 'AccessDenied'),
      failed(3, 'permission', 'AccessDenied'),
      failed(4, 'permission', 'AllAccessDisabled'),
      { id: 5, outcome: 'synced', bytes: 10 },
      { id: 6, outcome: 'skipped', bytes: 10, reason: 'already there' },
    ])
    renderWithApi(<LiveErrors />)
    expect(screen.getByRole('heading', { name: 'Errors by class' })).toBeTruthy()
    const [first, second, ...rest] = groups()
    expect(rest).toHaveLength(0)
    expect(first.textContent).toContain('permission Access denied: 3')
    // The most frequent message first.
    expect(within(first).getByText('e.g. AccessDenied · AllAccessDisabled')).toBeTruthy()
    expect(within(first).getByText(`Fix: ${FIX_BY_CLASS.permission.fix}`)).toBeTruthy()
    expect(second.textContent).toContain('network Network: 1')
    expect(within(second).getByText(`Fix: ${FIX_BY_CLASS.network.fix}`)).toBeTruthy()
  })

  it('is absent while nothing failed, and appears when a failure arrives', () => {
    useTaskStore.getState().add('j1', [{ id: 1, outcome: 'synced', bytes: 10 }])
    renderWithApi(<LiveErrors />)
    expect(screen.queryByRole('list', { name: 'Errors by class' })).toBeNull()
    act(() => useTaskStore.getState().add('j1', [failed(2, 'throttled', 'SlowDown')]))
    expect(groups().map((g) => g.textContent)).toEqual([`throttled Throttled: 1e.g. SlowDownFix: ${FIX_BY_CLASS.throttled.fix}`])
  })

  it('counts a task once when its result is delivered again (a replay after reconnecting)', () => {
    useTaskStore.getState().add('j1', [failed(1, 'network', 'ECONNRESET')])
    renderWithApi(<LiveErrors />)
    act(() => useTaskStore.getState().add('j1', [failed(1, 'network', 'ECONNRESET')]))
    expect(groups()[0].textContent).toContain('network Network: 1')
  })
})
