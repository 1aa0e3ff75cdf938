// The job's circuit breaker for outages. The SDK's own retries (retry_count + 1 attempts, backoff
// from 100 ms) are spent in a few seconds, far less than an endpoint restart or a network blip
// lasts; without this every queued object would fail RE003 one after the other. When a request
// fails with a network-class error (the error table's verdict), the breaker probes the endpoint
// once: unreachable → it opens, the pool starts no new task, and it probes with the shared backoff
// until the endpoint answers (any answer, even 403 or 404, means it is up) or the patience runs
// out. Tasks cut by the outage are then retried; a network failure while the endpoint answers
// the probe is a failure of that object, and counts.
import { HeadBucketCommand } from '@aws-sdk/client-s3'
import { backoffDelay, REQUEST_BACKOFF } from '../../shared/backoff'
import { makeS3Client } from '../s3/clients'
import { classifyError } from '../s3/errors'
import { sleep } from './retry'
import type { Endpoint } from './types'

/** Resolves when the endpoint answered, rejects with the error when it did not. */
export type Probe = (signal: AbortSignal) => Promise<void>

export const DEFAULT_OUTAGE_PATIENCE_MS = 120_000
/** A probe that hangs (a dropped connection, not a refused one) counts as no answer after this. */
const PROBE_TIMEOUT_MS = 5_000

export interface BreakerOptions {
  probe: Probe
  patienceMs: number
  signal: AbortSignal
  log(level: 'warn' | 'info', message: string): void
}

export type Verdict = 'retry' | 'failed' | 'gave-up'

export class OutageBreaker {
  /** Outages seen so far: a task whose attempt spans a change was cut by one. */
  private epoch = 0
  private open: Promise<boolean> | undefined
  private exhausted = false

  constructor(private readonly o: BreakerOptions) {}

  /** Taken when an attempt starts; give it back to `afterNetworkFailure`. */
  mark(): number {
    return this.epoch
  }

  /** Resolves when no outage is open (at once, mostly): the pool awaits it before each task. */
  async ready(): Promise<void> {
    if (this.open) await this.open
  }

  /** True once an outage outlasted the patience: the job stops, nothing more is attempted. */
  get gaveUp(): boolean {
    return this.exhausted
  }

  /** A task's attempt that began at `mark` failed with a network-class error: retry it, fail it, or give up. */
  async afterNetworkFailure(mark: number): Promise<Verdict> {
    if (this.exhausted) return 'gave-up'
    if (!this.open) {
      if (await this.answers()) return this.epoch !== mark ? 'retry' : 'failed'
      if (!this.open) this.open = this.ride()
    }
    return (await this.open) ? 'retry' : 'gave-up'
  }

  private async answers(): Promise<boolean> {
    const ac = new AbortController()
    const stop = () => ac.abort()
    this.o.signal.addEventListener('abort', stop, { once: true })
    const timer = setTimeout(stop, PROBE_TIMEOUT_MS)
    try {
      await this.o.probe(ac.signal)
      return true
    } catch (err) {
      return !ac.signal.aborted && classifyError(err) !== 'network'
    } finally {
      clearTimeout(timer)
      this.o.signal.removeEventListener('abort', stop)
    }
  }

  /** Probes until the endpoint answers (true) or the patience or the job ends (false). */
  private async ride(): Promise<boolean> {
    this.epoch += 1
    const started = Date.now()
    const deadline = started + this.o.patienceMs
    this.o.log('warn', `The endpoint is unreachable (RE003): no new requests; probing for up to ${Math.round(this.o.patienceMs / 1000)} s`)
    try {
      for (let k = 0; Date.now() < deadline && !this.o.signal.aborted; k++) {
        await sleep(Math.min(backoffDelay(k, REQUEST_BACKOFF), Math.max(0, deadline - Date.now())), this.o.signal)
        if (this.o.signal.aborted) return false
        if (await this.answers()) {
          this.o.log('info', `The endpoint answers again after ${((Date.now() - started) / 1000).toFixed(1)} s: resuming; objects cut by the outage are retried`)
          return true
        }
      }
      if (!this.o.signal.aborted) {
        this.exhausted = true
        this.o.log('warn', `The endpoint stayed unreachable for ${Math.round(this.o.patienceMs / 1000)} s (outage_patience_seconds): stopping the job`)
      }
      return false
    } finally {
      this.open = undefined
    }
  }
}

/** A probe of every endpoint a job's requests go to: a single-attempt HeadBucket, or a HEAD of the HTTPS base. */
export function probeEndpoints(endpoints: readonly Endpoint[]): { probe: Probe; destroy(): void } {
  const clients = endpoints.map((ep) => (ep.httpsBase ? { ep } : { ep, client: makeS3Client(ep, { maxSockets: 2, maxAttempts: 1 }) }))
  return {
    async probe(signal) {
      for (const { ep, client } of clients) {
        if (client) await client.send(new HeadBucketCommand({ Bucket: ep.bucket }), { abortSignal: signal })
        else await fetch(ep.httpsBase!, { method: 'HEAD', signal }).then((r) => void r.body?.cancel())
      }
    },
    destroy: () => clients.forEach((c) => c.client?.destroy()),
  }
}
