import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { useColorScheme } from '../hooks/use-color-scheme'
import { chartWidth, fitToHost } from '../lib/fit-chart'

const HEIGHT = 160
const TWO_DAYS_SEC = 2 * 86_400

function utcTick(sec: number, spanSec: number): string {
  const iso = new Date(sec * 1000).toISOString()
  return spanSec > TWO_DAYS_SEC ? iso.slice(5, 10) : iso.slice(11, 16)
}

/** Close price over open time, for kline files: enough to see the shape of the day. */
export function PreviewChart({ t, close, label }: { t: number[]; close: number[]; label: string }) {
  const hostRef = useRef<HTMLDivElement>(null)
  const scheme = useColorScheme()
  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const css = getComputedStyle(host)
    const color = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback
    const axis = { stroke: color('--text-muted', '#555'), grid: { stroke: color('--border', '#ddd'), width: 1 } }
    const plot = new uPlot(
      {
        width: chartWidth(host),
        height: HEIGHT,
        // uPlot's time axis is in seconds and local time by default; the archive is UTC.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true } },
        series: [{}, { label: 'Close', stroke: color('--accent', '#2563eb'), width: 2 }],
        // Ticks in UTC, 24-hour: hours within a day's file, dates across a month's.
        axes: [{ ...axis, values: (_u, splits) => splits.map((v) => utcTick(v, t[t.length - 1] - t[0])) }, { ...axis, size: 70 }],
        legend: { show: false },
      },
      [t, close],
      host,
    )
    return fitToHost(plot, host, HEIGHT)
  }, [t, close, scheme])
  const lo = Math.min(...close)
  const hi = Math.max(...close)
  return <div ref={hostRef} className="chart-host" role="img" aria-label={`${label}: close from ${close[0]} to ${close[close.length - 1]}, low ${lo}, high ${hi}`} />
}
