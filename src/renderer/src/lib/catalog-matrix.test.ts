import { describe, expect, it } from 'vitest'
import { MARKETS } from '../../../shared/catalog'
import { archiveMatrix } from './catalog-view'

describe('archiveMatrix', () => {
  it('lists every data type against every market, with frequencies, intervals and status', () => {
    const m = archiveMatrix(MARKETS)
    const row = (dt: string) => m.find((r) => r.dataType === dt)!.cells
    expect(row('klines')[0]).toEqual({ frequencies: ['daily', 'monthly'], intervals: 16, status: 'active' })
    expect(row('fundingRate')[0]).toBeNull()
    expect(row('fundingRate')[1]).toMatchObject({ frequencies: ['monthly'] })
    expect(row('bookTicker')[1]).toMatchObject({ status: 'stopped' })
    expect(row('BVOLIndex')[3]).toMatchObject({ status: 'active', frequencies: ['daily'] })
  })
})
