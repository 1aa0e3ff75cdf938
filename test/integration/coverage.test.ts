// Coverage and selection against a local archive: auto frequency across month boundaries, and
// include/exclude patterns, as the plan reports them before any copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/main/app'
import { startLocalArchive, type LocalArchive } from '../helpers/local-archive'

let env: LocalArchive
const daily = { market: 'spot' as const, frequency: 'daily' as const, dataType: 'klines', symbols: ['BTCUSDT'], intervals: ['1d'] }

beforeAll(async () => {
  env = await startLocalArchive([
    { ...daily, start: '2024-01-01', end: '2024-03-31', missing: ['2024-03-07'] },
    { ...daily, frequency: 'monthly', start: '2024-01-01', end: '2024-03-31' },
  ])
})
afterAll(() => env?.stop())

const preview = async (extra: Record<string, unknown>) => {
  const app = createApp({ transport: 'websocket', dataDir: env.dataDir, baseConfig: env.base })
  try {
    return await app.handlers['plan:preview']({
      config: { markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1d'], date_range: { start: '2024-01-20', end: '2024-03-10' }, ...extra },
    })
  } finally {
    await app.close()
  }
}

describe('coverage', () => {
  it('auto frequency: monthly for the whole closed month, daily for the partial ones', async () => {
    const plan = await preview({ frequency: 'auto', include_checksums: false })
    expect(plan.byDataset).toEqual([
      expect.objectContaining({ dataset: 'spot/daily/klines/1d', symbol: 'BTCUSDT', objects: 12 + 9, missing: 1 }),
      expect.objectContaining({ dataset: 'spot/monthly/klines/1d', symbol: 'BTCUSDT', objects: 1, missing: 0 }),
    ])
    expect(plan.missingKeys).toEqual(['data/spot/daily/klines/BTCUSDT/1d/BTCUSDT-1d-2024-03-07.zip'])
  })

  it('daily frequency over the same range lists every day', async () => {
    const plan = await preview({ include_checksums: false })
    expect(plan).toMatchObject({ objects: 50, missing: 1 })
  })

  it('include/exclude patterns leave files out before they count as missing or planned', async () => {
    const plan = await preview({ include_patterns: ['*-2024-03-*.zip'], exclude_patterns: ['*-2024-03-0[1-5].zip'] })
    // March 6–10, minus the missing 7th: 4 zips and their checksums.
    expect(plan).toMatchObject({ objects: 8, missing: 1, excluded: 46 })
  })
})
