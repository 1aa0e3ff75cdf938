import { describe, expect, it } from 'vitest'
import { coverageGrid, keyCell } from './coverage'

const k = (sym: string, day: string, iv = '1h') => `data/spot/daily/klines/${sym}/${iv}/${sym}-${iv}-${day}.zip`

describe('coverageGrid', () => {
  it('reads symbol and period from archive keys, not from checksum siblings', () => {
    expect(keyCell(k('BTCUSDT', '2024-12-01'))).toEqual({ symbol: 'BTCUSDT', period: '2024-12-01' })
    expect(keyCell('data/futures/um/daily/trades/BTCUSDT/BTCUSDT-trades-2024-12-01.zip')).toEqual({ symbol: 'BTCUSDT', period: '2024-12-01' })
    expect(keyCell('data/spot/monthly/klines/ETHUSDT/1d/ETHUSDT-1d-2024-07.zip')).toEqual({ symbol: 'ETHUSDT', period: '2024-07' })
    expect(keyCell(`${k('BTCUSDT', '2024-12-01')}.CHECKSUM`)).toBeNull()
  })

  it('marks to copy, already copied and missing; the worst state wins a shared cell', () => {
    const g = coverageGrid(
      [{ sourceKey: k('BTCUSDT', '2024-12-01') }, { sourceKey: k('BTCUSDT', '2024-12-02'), skip: 'there' }, { sourceKey: k('ETHUSDT', '2024-12-01', '1d'), skip: 'there' }, { sourceKey: k('ETHUSDT', '2024-12-01') }],
      [k('BTCUSDT', '2024-12-03')],
    )
    expect(g).toEqual({ symbols: ['BTCUSDT', 'ETHUSDT'], periods: ['2024-12-01', '2024-12-02', '2024-12-03'], rows: ['ecm', 'e..'], truncated: false })
  })

  it('is bounded', () => {
    const tasks = Array.from({ length: 50 }, (_, i) => ({ sourceKey: k(`S${i}`, `2024-01-${String((i % 28) + 1).padStart(2, '0')}`) }))
    const g = coverageGrid(tasks, [], { maxSymbols: 10, maxPeriods: 5 })
    expect(g.symbols).toHaveLength(10)
    expect(g.rows.every((r) => r.length === 5)).toBe(true)
    expect(g.truncated).toBe(true)
  })
})
