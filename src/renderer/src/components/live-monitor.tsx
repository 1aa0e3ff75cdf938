import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useCancelJob } from '../hooks/use-job'
import { usePauseJob } from '../hooks/use-pause'
import { useShortcut } from '../hooks/use-shortcut'
import { formatByteRate, formatBytes, formatCount, formatEta, formatObjectRate } from '../../../shared/format'
import { isActive } from '../lib/job-view'
import { SHORTCUTS } from '../lib/shortcuts'
import { useJobStore } from '../state/job-store'
import { ErrorNote } from './config-issues'
import { ProgressMeter } from './progress-meter'
import { Stat, StatList } from './stat-list'
import { LiveErrors } from './live-errors'
import { TaskTableView } from './task-table-view'
import { ThroughputChart } from './throughput-chart'

const ENGINE_LABEL: Record<string, string> = {
  s5cmd: 's5cmd (direct)',
  'sdk-copy': 'SDK server-side copy',
  'sdk-stream': 'SDK stream',
  download: 'download',
  'batch-operations': 'S3 Batch Operations',
}

export function LiveMonitor() {
  const { jobId, state, message, snapshot, series, log } = useJobStore(useShallow(({ jobId, state, message, snapshot, series, log }) => ({ jobId, state, message, snapshot, series, log })))
  const { cancel, cancelling, error } = useCancelJob()
  const pause = usePauseJob()
  const ref = useRef<HTMLElement>(null)
  // A new job takes the eye: the monitor gets focus (and so scrolls into view) when it starts.
  useEffect(() => {
    if (!jobId || !ref.current) return
    ref.current.focus({ preventScroll: true })
    ref.current.scrollIntoView({ block: 'nearest' })
  }, [jobId])
  const active = isActive(state)
  const canPause = Boolean(jobId && pause && !pause.pending && (state === 'running' || state === 'paused'))
  const canCancel = Boolean(jobId && active && !cancelling && state !== 'cancelling')
  useShortcut('pause', () => jobId && pause?.toggle({ jobId, paused: state === 'paused' }), canPause)
  useShortcut('cancel', () => jobId && cancel(jobId), canCancel)
  if (!jobId) return null
  const done = snapshot?.done
  const total = snapshot?.total

  return (
    <section className="panel monitor" role="region" aria-label="Live monitor" ref={ref} tabIndex={-1}>
      <div className="panel-title">
        <h2>Live monitor</h2>
        <span className={`state state-${state ?? 'none'}`} role="status">
          {state ?? 'starting'}
        </span>
      </div>
      {message && <p className="hint">{message}</p>}
      <ProgressMeter label="Copy progress" done={done?.objects ?? 0} total={total ? total.objects : null} />
      <StatList label="Progress figures">
        <Stat label="Objects">
          {formatCount(done?.objects ?? 0)} / {total ? formatCount(total.objects) : '—'}
        </Stat>
        <Stat label="Bytes">
          {formatBytes(done?.bytes ?? 0)} / {total ? formatBytes(total.bytes) : '—'}
        </Stat>
        <Stat label="Throughput">{snapshot ? formatByteRate(snapshot.bytesPerSec) : '—'}</Stat>
        <Stat label="Objects per second">{snapshot ? formatObjectRate(snapshot.objectsPerSec) : '—'}</Stat>
        <Stat label="ETA">{active ? formatEta(snapshot?.etaSeconds ?? null) : '—'}</Stat>
        <Stat label="Engine">{snapshot?.engine ? (ENGINE_LABEL[snapshot.engine] ?? snapshot.engine) : '—'}</Stat>
        <Stat label="In flight">{formatCount(snapshot?.inFlight ?? 0)}</Stat>
        <Stat label="Failed so far" tone={(done?.failed ?? 0) > 0 ? 'bad' : undefined}>
          {formatCount(done?.failed ?? 0)}
        </Stat>
      </StatList>
      <ThroughputChart series={series} />
      {active && (
        <div className="actions">
          {pause && (state === 'running' || state === 'paused') && (
            <button
              type="button"
              disabled={pause.pending}
              onClick={() => pause.toggle({ jobId, paused: state === 'paused' })}
              aria-keyshortcuts={SHORTCUTS.pause.label}
            >
              {state === 'paused' ? 'Continue' : 'Pause'} <kbd className="shortcut" aria-hidden="true">{SHORTCUTS.pause.label}</kbd>
            </button>
          )}
          <button type="button" className="danger" disabled={!canCancel} onClick={() => cancel(jobId)} aria-keyshortcuts={SHORTCUTS.cancel.label}>
            {state === 'cancelling' ? 'Cancelling…' : 'Cancel'} <kbd className="shortcut" aria-hidden="true">{SHORTCUTS.cancel.label}</kbd>
          </button>
        </div>
      )}
      {error && <ErrorNote title="Cancel failed." error={error} />}
      {pause?.error && <ErrorNote title="Pause or continue failed." error={pause.error} />}
      <LiveErrors />
      <TaskTableView />
      {log.some((l) => l.level !== 'info') && (
        <details className="job-log">
          <summary>Warnings and errors ({log.filter((l) => l.level !== 'info').length})</summary>
          <ul>
            {log
              .filter((l) => l.level !== 'info')
              .map((l, i) => (
                <li key={i} className={`log-${l.level}`}>
                  {l.message}
                </li>
              ))}
          </ul>
        </details>
      )}
    </section>
  )
}
