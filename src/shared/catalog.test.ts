import { describe, expect, it } from 'vitest'
import {
  ALL_INTERVALS,
  CATALOG,
  FREQUENCIES,
  IRREGULAR_INTERVALS,
  MARKETS,
  MARKET_ALIASES,
  dataTypeSpec,
  dataTypesOf,
  frequenciesOf,
  frequenciesWithInterval,
  intervalUntil,
  intervalsOf,
  isDeliveryContract,
  type Frequency,
  type Market,
} from './catalog'

interface RefSpec {
  needsInterval: boolean
  intervals?: string[]
  status: string
  symbolKind?: 'pair'
  knownSymbols?: string[]
}

// Transcribed from reference/binance-archive.md §5 ("Machine-readable matrix"), the selection
// contract: needsInterval, intervals, symbolKind, knownSymbols, and the status text.
const REFERENCE_MATRIX: Record<string, Record<string, Record<string, RefSpec>>> = {
  spot: {
    daily: {
      klines: { needsInterval: true, intervals: ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      trades: { needsInterval: false, status: 'active' },
      aggTrades: { needsInterval: false, status: 'active' },
    },
    monthly: {
      klines: { needsInterval: true, intervals: ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      trades: { needsInterval: false, status: 'active' },
      aggTrades: { needsInterval: false, status: 'active' },
    },
  },
  'futures/um': {
    daily: {
      klines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      markPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      indexPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      premiumIndexKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      trades: { needsInterval: false, status: 'active' },
      aggTrades: { needsInterval: false, status: 'active' },
      metrics: { needsInterval: false, status: 'active' },
      bookDepth: { needsInterval: false, status: 'uncertain' },
      bookTicker: { needsInterval: false, status: 'stopped ~2024-03-31' },
      liquidationSnapshot: { needsInterval: false, status: 'removed' },
    },
    monthly: {
      klines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      markPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      indexPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      premiumIndexKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      trades: { needsInterval: false, status: 'active' },
      aggTrades: { needsInterval: false, status: 'active' },
      fundingRate: { needsInterval: false, status: 'active' },
      bookTicker: { needsInterval: false, status: 'stopped (2024-04 file partial)' },
    },
  },
  'futures/cm': {
    daily: {
      klines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      markPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      indexPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active', symbolKind: 'pair' },
      premiumIndexKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'], status: 'active' },
      trades: { needsInterval: false, status: 'active' },
      aggTrades: { needsInterval: false, status: 'active' },
      metrics: { needsInterval: false, status: 'active' },
      bookDepth: { needsInterval: false, status: 'uncertain' },
      bookTicker: { needsInterval: false, status: 'uncertain' },
      liquidationSnapshot: { needsInterval: false, status: 'uncertain' },
    },
    monthly: {
      klines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      markPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      indexPriceKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)', symbolKind: 'pair' },
      premiumIndexKlines: { needsInterval: true, intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'], status: 'active (3d/1w/1mo irregular)' },
      trades: { needsInterval: false, status: 'active' },
      aggTrades: { needsInterval: false, status: 'active' },
      fundingRate: { needsInterval: false, status: 'active' },
      bookTicker: { needsInterval: false, status: 'uncertain' },
    },
  },
  option: {
    daily: {
      BVOLIndex: { needsInterval: false, status: 'uncertain', knownSymbols: ['BTCBVOLUSDT', 'ETHBVOLUSDT'] },
      EOHSummary: { needsInterval: false, status: 'stopped (BTCUSDT 2023-05-18..2023-10-23)', knownSymbols: ['BNBUSDT', 'BTCUSDT', 'DOGEUSDT', 'ETHUSDT', 'XRPUSDT'] },
    },
    monthly: {},
  },
}

const DAILY_FUT = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d']

// Where primary sources overrule the transcription above (each cited in catalog.ts):
// futures daily trees held 3d/1w/1mo (ended), um bookDepth is current (binance-public-data#437),
// cm bookTicker stopped 2024-10-15 (#380), BVOLIndex goes on with holes (#370, #499).
for (const m of ['futures/um', 'futures/cm'])
  for (const dt of ['klines', 'markPriceKlines', 'indexPriceKlines', 'premiumIndexKlines']) REFERENCE_MATRIX[m].daily[dt].intervals!.push('3d', '1w', '1mo')
REFERENCE_MATRIX['futures/um'].daily.bookDepth.status = 'active'
REFERENCE_MATRIX['futures/cm'].daily.bookTicker.status = 'stopped'
REFERENCE_MATRIX['futures/cm'].monthly.bookTicker.status = 'stopped'
REFERENCE_MATRIX.option.daily.BVOLIndex.status = 'active'

/** The reference's status text starts with the label: "stopped ~2024-03-31" → stopped. */
const label = (status: string) => status.split(/[\s(~]/)[0]

const cells: [Market, Frequency, string, RefSpec][] = Object.entries(REFERENCE_MATRIX).flatMap(([m, fs]) =>
  Object.entries(fs).flatMap(([f, dts]) => Object.entries(dts).map(([dt, spec]) => [m as Market, f as Frequency, dt, spec] as [Market, Frequency, string, RefSpec])),
)

describe('catalog vs the reference §5 matrix', () => {
  it('covers exactly the reference markets and frequencies', () => {
    expect([...MARKETS].sort()).toEqual(Object.keys(REFERENCE_MATRIX).sort())
    expect([...FREQUENCIES]).toEqual(['daily', 'monthly'])
    for (const m of MARKETS) expect(Object.keys(CATALOG[m]).sort()).toEqual(Object.keys(REFERENCE_MATRIX[m]).sort())
  })

  it.each(MARKETS.flatMap((m) => FREQUENCIES.map((f) => [m, f] as const)))('%s %s has exactly the reference data types', (m, f) => {
    expect(Object.keys(CATALOG[m][f]).sort()).toEqual(Object.keys(REFERENCE_MATRIX[m][f]).sort())
  })

  it('the transcription has the reference row count (sanity check of the test data)', () => {
    expect(cells).toHaveLength(3 + 3 + 10 + 8 + 10 + 8 + 2)
  })

  it.each(cells)('%s %s %s: same needsInterval, intervals, symbolKind, knownSymbols', (m, f, dt, ref) => {
    const spec = dataTypeSpec(m, f, dt)
    expect(spec).toBeDefined()
    expect(spec!.needsInterval).toBe(ref.needsInterval)
    if (ref.needsInterval) expect([...(spec!.intervals ?? [])]).toEqual(ref.intervals)
    else expect(spec!.intervals ?? []).toEqual([])
    expect(spec!.symbolKind).toBe(ref.symbolKind)
    if (ref.knownSymbols) expect([...(spec!.knownSymbols ?? [])]).toEqual(ref.knownSymbols)
  })

  it.each(cells)('%s %s %s: status labelled as in the reference', (m, f, dt, ref) => {
    const spec = dataTypeSpec(m, f, dt)!
    expect(spec.status).toBe(label(ref.status))
    // Anything not plainly active carries a note a user can read.
    if (spec.status !== 'active') expect(spec.note?.length ?? 0).toBeGreaterThan(5)
  })
})

describe('catalog — the archive facts the reference singles out', () => {
  it('fundingRate is monthly only (um and cm)', () => {
    for (const m of ['futures/um', 'futures/cm'] as const) {
      expect(frequenciesOf(m, 'fundingRate')).toEqual(['monthly'])
      expect(dataTypeSpec(m, 'daily', 'fundingRate')).toBeUndefined()
    }
  })

  it('metrics, bookDepth, liquidationSnapshot are daily only', () => {
    for (const m of ['futures/um', 'futures/cm'] as const)
      for (const dt of ['metrics', 'bookDepth', 'liquidationSnapshot']) {
        expect(frequenciesOf(m, dt)).toEqual(['daily'])
        expect(dataTypeSpec(m, 'monthly', dt)).toBeUndefined()
      }
  })

  it('options are daily only, with no monthly tree at all', () => {
    expect(Object.keys(CATALOG.option.monthly)).toEqual([])
    expect(dataTypesOf('option')).toEqual(['BVOLIndex', 'EOHSummary'])
    for (const dt of dataTypesOf('option')) expect(frequenciesOf('option', dt)).toEqual(['daily'])
  })

  it('1s exists for spot only', () => {
    for (const m of MARKETS)
      for (const f of FREQUENCIES)
        for (const [dt, spec] of Object.entries(CATALOG[m][f])) {
          const has1s = (spec.intervals ?? []).includes('1s')
          expect(has1s, `${m} ${f} ${dt}`).toBe(m === 'spot' && dt === 'klines')
        }
  })

  it('spot daily never offers 3d, 1w or 1mo; futures trees offer them as ended, with the day they ended', () => {
    for (const iv of IRREGULAR_INTERVALS) expect(CATALOG.spot.daily.klines.intervals).not.toContain(iv)
    expect(CATALOG.spot.monthly.klines.intervalUntil).toBeUndefined()
    for (const m of ['futures/um', 'futures/cm'] as const)
      for (const dt of ['klines', 'markPriceKlines', 'indexPriceKlines', 'premiumIndexKlines'])
        for (const iv of IRREGULAR_INTERVALS) {
          expect(intervalUntil(m, 'daily', dt, iv), `${m} daily ${dt} ${iv}`).toBe('2023-12-31')
          expect(intervalUntil(m, 'monthly', dt, iv), `${m} monthly ${dt} ${iv}`).toBe('2024-02-29')
          expect(intervalUntil(m, 'monthly', dt, '1h')).toBeUndefined()
        }
    expect(frequenciesWithInterval('spot', 'klines', '1w')).toEqual(['monthly'])
    expect(frequenciesWithInterval('spot', 'klines', '1s')).toEqual(['daily', 'monthly'])
  })

  it('COIN-M premiumIndexKlines is perpetual only; delivery contracts are told apart', () => {
    for (const f of FREQUENCIES) expect(dataTypeSpec('futures/cm', f, 'premiumIndexKlines')!.contracts).toBe('perpetual')
    expect(dataTypeSpec('futures/um', 'daily', 'premiumIndexKlines')!.contracts).toBeUndefined()
    expect(isDeliveryContract('BTCUSD_240927')).toBe(true)
    expect(isDeliveryContract('BTCUSD_PERP')).toBe(false)
    expect(isDeliveryContract('BTCUSDT')).toBe(false)
  })

  it('only COIN-M indexPriceKlines live under the pair', () => {
    const pairs = MARKETS.flatMap((m) => FREQUENCIES.flatMap((f) => Object.entries(CATALOG[m][f]).filter(([, s]) => s.symbolKind === 'pair').map(([dt]) => `${m} ${f} ${dt}`)))
    expect(pairs).toEqual(['futures/cm daily indexPriceKlines', 'futures/cm monthly indexPriceKlines'])
  })

  it('spot offers klines, trades and aggTrades only', () => {
    expect(dataTypesOf('spot').sort()).toEqual(['aggTrades', 'klines', 'trades'])
  })

  it('stopped and uncertain datasets are labelled so, with the dates the sources give', () => {
    expect(dataTypeSpec('futures/um', 'daily', 'bookTicker')).toMatchObject({ status: 'stopped', until: '2024-03-31' })
    expect(dataTypeSpec('futures/um', 'monthly', 'bookTicker')!.status).toBe('stopped')
    expect(dataTypeSpec('futures/cm', 'daily', 'bookTicker')).toMatchObject({ status: 'stopped', until: '2024-10-15' })
    expect(dataTypeSpec('futures/um', 'daily', 'liquidationSnapshot')!.status).toBe('removed')
    expect(dataTypeSpec('futures/um', 'daily', 'bookDepth')!.status).toBe('active')
    expect(dataTypeSpec('futures/um', 'daily', 'bookDepth')!.note).toMatch(/30-second/)
    expect(dataTypeSpec('futures/cm', 'daily', 'liquidationSnapshot')!.status).toBe('uncertain')
    expect(dataTypeSpec('option', 'daily', 'EOHSummary')!.status).toBe('stopped')
    expect(dataTypeSpec('option', 'daily', 'BVOLIndex')).toMatchObject({ status: 'active' })
    expect(dataTypeSpec('option', 'daily', 'BVOLIndex')!.knownGaps).toContain('2025-12-15…2026-01-04')
    expect(dataTypeSpec('spot', 'daily', 'klines')!.status).toBe('active')
  })
})

describe('catalog lookups', () => {
  it('ALL_INTERVALS is the official INTERVALS list in order', () => {
    expect([...ALL_INTERVALS]).toEqual(['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1mo'])
  })

  it('intervalsOf unions the frequencies in canonical order', () => {
    expect(intervalsOf('spot', 'klines')).toEqual([...ALL_INTERVALS])
    expect(intervalsOf('futures/um', 'klines')).toEqual([...DAILY_FUT, '3d', '1w', '1mo'])
    expect(intervalsOf('futures/cm', 'indexPriceKlines')).toEqual([...DAILY_FUT, '3d', '1w', '1mo'])
    expect(intervalsOf('spot', 'trades')).toEqual([])
    expect(intervalsOf('futures/um', 'fundingRate')).toEqual([])
  })

  it('lookups of unknown things are empty, not errors', () => {
    expect(dataTypeSpec('spot', 'daily', 'fundingRate')).toBeUndefined()
    expect(frequenciesOf('spot', 'nope')).toEqual([])
    expect(intervalsOf('spot', 'nope')).toEqual([])
  })

  it('dataTypesOf lists each data type once across frequencies', () => {
    const um = dataTypesOf('futures/um')
    expect(new Set(um).size).toBe(um.length)
    expect(um.sort()).toEqual(
      ['aggTrades', 'bookDepth', 'bookTicker', 'fundingRate', 'indexPriceKlines', 'klines', 'liquidationSnapshot', 'markPriceKlines', 'metrics', 'premiumIndexKlines', 'trades'].sort(),
    )
  })

  it('the spec market names map onto the archive ones', () => {
    expect(MARKET_ALIASES.futures_um).toBe('futures/um')
    expect(MARKET_ALIASES.futures_cm).toBe('futures/cm')
    expect(MARKET_ALIASES.options).toBe('option')
    expect(MARKET_ALIASES.spot).toBe('spot')
    for (const m of MARKETS) expect(MARKET_ALIASES[m]).toBe(m)
    expect(MARKET_ALIASES.futures).toBeUndefined()
  })
})
