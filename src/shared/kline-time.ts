// Kline time arithmetic on UTC milliseconds: a period's bounds and the next bar's open time.

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** [start, end) of a daily (YYYY-MM-DD) or monthly (YYYY-MM) period in ms. */
export function periodMs(period: string): [number, number] {
  const [y, m, d] = period.split('-').map(Number)
  return d === undefined ? [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)] : [Date.UTC(y, m - 1, d), Date.UTC(y, m - 1, d + 1)]
}

/** Next open time after `t`; `1mo` follows the calendar, everything else is a fixed step. */
export function stepper(interval: string): (t: number) => number {
  if (interval === '1mo') return (t) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + 1, 1)
  const m = /^(\d+)([smhdw])$/.exec(interval)
  if (!m) throw new Error(`unknown interval ${interval}`)
  const ms = Number(m[1]) * UNIT_MS[m[2]]
  return (t) => t + ms
}
