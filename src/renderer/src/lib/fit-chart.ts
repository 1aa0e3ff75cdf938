// uPlot draws at a fixed size: charts follow their host's width (never under a readable 320 px).
import type uPlot from 'uplot'

const MIN_CHART_WIDTH = 320

export const chartWidth = (host: HTMLElement): number => Math.max(MIN_CHART_WIDTH, host.clientWidth)

/** Resizes `plot` with `host`; returns the teardown, which also destroys the plot. */
export function fitToHost(plot: uPlot, host: HTMLElement, height: number): () => void {
  const resize = new ResizeObserver(([entry]) => {
    if (entry) plot.setSize({ width: Math.max(MIN_CHART_WIDTH, Math.floor(entry.contentRect.width)), height })
  })
  resize.observe(host)
  return () => {
    resize.disconnect()
    plot.destroy()
  }
}
