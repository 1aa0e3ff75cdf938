// The one retry loop of main for work the SDK does not retry itself: a body cut mid-stream, a GET
// of the HTTPS archive (plain fetch). Requests the SDK sent are retried by the SDK (maxAttempts
// = retry_count + 1, its own backoff, SlowDown-aware); retrying them again here would multiply
// the attempts (retry_count² requests for one object). Hand-written rather than p-retry so the
// delay is the shared formula the renderer's reconnect uses too (src/shared/backoff.ts).
import { backoffDelay, REQUEST_BACKOFF } from '../../shared/backoff'

/** An error the SDK raised carries `$metadata` and has already been retried by it. */
export const retriedBySdk = (err: unknown): boolean => typeof err === 'object' && err !== null && '$metadata' in err

/** Waits `ms`, cut short by a cancel (it resolves: the caller decides what a cancel means). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

export interface RetryOptions {
  /** Retries after the first attempt (retry_count): at most 1 + retries attempts. */
  retries: number
  signal: AbortSignal
  /** Whether this failure is worth another attempt; a cancel never is. */
  shouldRetry(err: unknown): boolean
  /** Called before each wait, with the 0-based retry number. */
  onRetry?(err: unknown, retry: number): void
}

/** Runs `attempt` until it succeeds, `shouldRetry` says no, the retries run out or the signal fires; throws the last error. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, o: RetryOptions): Promise<T> {
  for (let k = 0; ; k++) {
    try {
      return await attempt(k + 1)
    } catch (err) {
      if (k >= o.retries || o.signal.aborted || !o.shouldRetry(err)) throw err
      o.onRetry?.(err, k)
      await sleep(backoffDelay(k, REQUEST_BACKOFF), o.signal)
      if (o.signal.aborted) throw err
    }
  }
}
