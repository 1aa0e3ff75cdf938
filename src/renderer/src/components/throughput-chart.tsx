import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { useColorScheme } from '../hooks/use-color-scheme'
import { CHART_HEIGHT, chartOptions, toAlignedData, type ChartColors } from '../lib/chart-options'
import { chartWidth, fitToHost } from '../lib/fit-chart'
import { formatByteRate, formatObjectRate } from '../../../shared/format'
import { EMPTY_SERIES, type ThroughputSeries } from '../lib/throughput-series'

function readColors(el: HTMLElement): ChartColors {
  const css = getComputedStyle(el)
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback
  return {
    text: v('--text-muted', '#555'),
    grid: v('--border', '#ddd'),
    bytes: v('--accent', '#2563eb'),
    objects: v('--accent-2', '#d97706'),
  }
}

export function ThroughputChart({ series }: { series: ThroughputSeries }) {
  const hostRef = useRef<HTMLDivElement>(null)
  const plotRef = useRef<uPlot | null>(null)
  const scheme = useColorScheme()

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const plot = new uPlot(chartOptions(chartWidth(host), readColors(host)), toAlignedData(EMPTY_SERIES), host)
    plotRef.current = plot
    const stop = fitToHost(plot, host, CHART_HEIGHT)
    return () => {
      stop()
      plotRef.current = null
    }
  }, [scheme])

  // After the plot above is (re)made for a colour scheme, and on every new sample.
  useEffect(() => {
    plotRef.current?.setData(toAlignedData(series))
  }, [series, scheme])

  const n = series.t.length
  const summary =
    n === 0
      ? 'No throughput samples yet.'
      : `Latest: ${formatByteRate(series.bytesPerSec[n - 1])}, ${formatObjectRate(series.objectsPerSec[n - 1])}.`

  return (
    <figure className="chart">
      <figcaption>Throughput (last 10 minutes)</figcaption>
      <div ref={hostRef} className="chart-host" role="img" aria-label={`Throughput chart. ${summary}`} />
    </figure>
  )
}
