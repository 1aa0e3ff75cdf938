import { describe, expect, it } from 'vitest'
import type { TaskResult } from '../../../shared/contract'
import { TaskTable } from './task-table'

const r = (id: number, outcome: TaskResult['outcome'], extra: Partial<TaskResult> = {}): TaskResult => ({ id, outcome, bytes: 10, ...extra })

describe('TaskTable', () => {
  it('holds 100,000 rows in typed arrays and filters them fast', () => {
    const t = new TaskTable()
    for (let b = 0; b < 100; b += 1)
      t.add(Array.from({ length: 1000 }, (_, i) => {
        const id = b * 1000 + i
        return id % 100 === 0 ? r(id, 'failed', { errorClass: id % 200 === 0 ? 'checksum' : 'network', reason: `boom ${id % 3}` }) : r(id, id % 2 ? 'synced' : 'skipped', { engine: 'sdk-copy' })
      }))
    expect(t.size).toBe(100_000)
    const started = performance.now()
    expect(t.select('failed', '')).toHaveLength(1000)
    expect(t.select('mismatch', '')).toHaveLength(500)
    expect(t.select('skipped', '')).toHaveLength(49_000)
    expect(t.select('all', 'boom 1')).toHaveLength(333)
    expect(performance.now() - started).toBeLessThan(200)
    expect(t.row(t.select('all', '4242')[0])).toMatchObject({ id: 4242, outcome: 'skipped', engine: 'sdk-copy', errorClass: null })
  })

  it('overwrites a task delivered twice and bumps the version once per batch', () => {
    const t = new TaskTable()
    t.add([r(5, 'failed', { errorClass: 'network', reason: 'ECONNRESET' })])
    t.add([r(5, 'synced', { engine: 'sdk-copy' })])
    expect(t.size).toBe(1)
    expect(t.version).toBe(2)
    expect(t.row(0)).toMatchObject({ id: 5, outcome: 'synced', reason: '' })
    expect([...t.failures()]).toEqual([])
  })

  it('lists failures with class and message for the error panel', () => {
    const t = new TaskTable()
    t.add([r(1, 'failed', { reason: 'x' }), r(2, 'failed', { errorClass: 'permission', reason: 'AccessDenied' })])
    expect([...t.failures()]).toEqual([
      { errorClass: 'other', message: 'x' },
      { errorClass: 'permission', message: 'AccessDenied' },
    ])
  })

  it('shows each row\'s file and finds rows by part of their key', () => {
    const t = new TaskTable()
    t.add([
      r(0, 'synced', { key: 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip' }),
      r(1, 'synced', { key: 'data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-03-01.zip' }),
      r(2, 'failed', { key: 'data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-03-02.zip', reason: 'NoSuchKey' }),
    ])
    expect(t.row(1).key).toBe('data/spot/daily/klines/ETHUSDT/1h/ETHUSDT-1h-2024-03-01.zip')
    expect([...t.select('all', 'ethusdt')].map((i) => t.row(i).id)).toEqual([1, 2])
    expect([...t.select('failed', 'ETHUSDT')].map((i) => t.row(i).id)).toEqual([2])
    expect([...t.select('all', '2024-03-01')].map((i) => t.row(i).id)).toEqual([0, 1])
  })
})
