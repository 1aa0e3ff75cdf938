import { QueryClient } from '@tanstack/react-query'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobSummary, Snapshot } from '../../../shared/contract'
import { commandKey } from '../api/command-query'
import { fakeConnection } from '../components/testing/fake-connection'
import { EMPTY_JOB } from '../lib/job-view'
import { startJobEventDispatcher } from './job-event-dispatcher'
import { useJobStore } from './job-store'
import { useTaskStore } from './task-store'

const snap = (at: number, objects: number): Snapshot => ({
  jobId: 'j1',
  at,
  elapsedMs: at,
  total: { objects: 10, bytes: 100 },
  done: { objects, bytes: objects * 10, synced: objects, skipped: 0, failed: 0 },
  bytesPerSec: 10,
  objectsPerSec: 1,
  instantBytesPerSec: 10,
  instantObjectsPerSec: 1,
  etaSeconds: 5,
  inFlight: 1,
  engine: 's5cmd',
})
const summary = (state: JobSummary['state'], snapshot: Snapshot | null = null): JobSummary => ({ jobId: 'j1', state, createdAt: '2024-01-01T00:00:00Z', label: 'BTCUSDT', snapshot, report: null })

function setup(answers: Parameters<typeof fakeConnection>[0] = {}) {
  const fake = fakeConnection(answers)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const stop = startJobEventDispatcher(fake.connection, queryClient)
  return { ...fake, queryClient, stop }
}

beforeEach(() => {
  useJobStore.setState({ ...EMPTY_JOB, early: [] })
  useTaskStore.getState().reset(null)
})

describe('startJobEventDispatcher', () => {
  it('subscribes once and fans events into the job view and its task table', () => {
    const { emit, listeners } = setup()
    expect(listeners()).toBe(1)
    useJobStore.getState().follow('j1')
    emit({ type: 'state', jobId: 'j1', state: 'running' })
    emit({ type: 'snapshot', jobId: 'j1', snapshot: snap(1000, 3) })
    emit({ type: 'task-batch', jobId: 'j1', results: [{ id: 0, outcome: 'synced', bytes: 10 }, { id: 1, outcome: 'failed', bytes: 0, errorClass: 'network', reason: 'ECONNRESET' }] })
    emit({ type: 'task-batch', jobId: 'other', results: [{ id: 5, outcome: 'synced', bytes: 10 }] })
    expect(useJobStore.getState()).toMatchObject({ jobId: 'j1', state: 'running', snapshot: { done: { objects: 3 } } })
    expect(useTaskStore.getState().rows.table.size).toBe(2)
  })

  it('replays events that came before the job was followed, and starts a new task table per job', () => {
    const { emit } = setup()
    useJobStore.getState().follow('j0')
    useTaskStore.getState().add('j0', [{ id: 0, outcome: 'synced', bytes: 1 }])
    emit({ type: 'state', jobId: 'j1', state: 'running' })
    useJobStore.getState().follow('j1')
    expect(useJobStore.getState().state).toBe('running')
    expect(useTaskStore.getState()).toMatchObject({ jobId: 'j1', rows: { version: 0 } })
  })

  it('keeps the results that came before the job was followed: the first task is in the table', () => {
    const { emit } = setup()
    emit({ type: 'state', jobId: 'j1', state: 'running' })
    emit({ type: 'task-batch', jobId: 'j1', results: [{ id: 0, outcome: 'synced', bytes: 10 }, { id: 1, outcome: 'synced', bytes: 10 }] })
    emit({ type: 'task-batch', jobId: 'other', results: [{ id: 7, outcome: 'synced', bytes: 10 }] })
    useJobStore.getState().follow('j1')
    emit({ type: 'task-batch', jobId: 'j1', results: [{ id: 2, outcome: 'synced', bytes: 10 }] })
    const { table } = useTaskStore.getState().rows
    expect(table.size).toBe(3)
    expect(table.select('all', '').length).toBe(3)
  })

  it('stops listening on teardown', () => {
    const { emit, listeners, stop } = setup()
    useJobStore.getState().follow('j1')
    stop()
    expect(listeners()).toBe(0)
    emit({ type: 'state', jobId: 'j1', state: 'running' })
    expect(useJobStore.getState().state).toBe('planning')
  })

  it('makes plans, the report and the job list stale when the followed job ends', () => {
    const { emit, queryClient } = setup()
    useJobStore.getState().follow('j1')
    for (const key of [commandKey('plan:preview', { config: {} }), commandKey('plan:coverage', { config: {} }), commandKey('jobs:report', { jobId: 'j1' }), commandKey('jobs:list', {})]) queryClient.setQueryData(key, {})
    emit({ type: 'state', jobId: 'j1', state: 'running' })
    expect(queryClient.getQueryState(commandKey('plan:preview', { config: {} }))?.isInvalidated).toBe(false)
    emit({ type: 'state', jobId: 'j1', state: 'completed' })
    for (const name of ['plan:preview', 'plan:coverage', 'jobs:report', 'jobs:list'] as const) {
      expect(queryClient.getQueryCache().findAll({ queryKey: commandKey(name) }).every((q) => q.state.isInvalidated)).toBe(true)
    }
  })

  it('keeps the history figures of a running job live from snapshots, never backwards', () => {
    const { emit, queryClient } = setup()
    queryClient.setQueryData(commandKey('jobs:list', {}), { jobs: [summary('running', snap(1000, 1))] })
    emit({ type: 'snapshot', jobId: 'j1', snapshot: snap(2000, 4) })
    emit({ type: 'snapshot', jobId: 'j1', snapshot: snap(1500, 2) })
    const list = queryClient.getQueryData<{ jobs: JobSummary[] }>(commandKey('jobs:list', {}))
    expect(list?.jobs[0].snapshot?.done.objects).toBe(4)
  })

  it('after a reconnect asks once for the followed job and catches up on what it missed', async () => {
    const status = vi.fn(() => summary('completed', snap(9000, 10)))
    const { setStatus } = setup({ 'jobs:status': status })
    useJobStore.getState().follow('j1')
    setStatus('open')
    expect(status).not.toHaveBeenCalled()
    setStatus('closed')
    setStatus('connecting')
    setStatus('open')
    await vi.waitFor(() => expect(useJobStore.getState().state).toBe('completed'))
    expect(status).toHaveBeenCalledTimes(1)
    expect(useJobStore.getState().snapshot?.done.objects).toBe(10)
  })
})
