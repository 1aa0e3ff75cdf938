// The one backoff formula: exponential with jitter, used by main's retries outside the SDK and by
// the renderer's WebSocket reconnect. Jitter keeps many clients (workers after an S3 503 burst,
// tabs after a server restart) from coming back in lockstep.

export interface BackoffOptions {
  baseMs: number
  maxMs: number
}

/** A WebSocket reconnect: a server restart takes seconds, so the ceiling is 10 s. */
export const RECONNECT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000 }

/** A request retried outside the SDK (a body cut mid-stream, an HTTPS GET): 100 ms doubling to 5 s. */
export const REQUEST_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 5_000 }

/** Polling a Batch Operations job (DescribeJob): a few seconds apart while it moves, up to 30 s while it does not. */
export const BATCH_POLL_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 30_000 }

/** Delay before retry `attempt` (0-based); `random` is injectable for tests. */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt))
  // Never below the base: an immediate retry against a server that just failed us is wasted.
  return Math.round(opts.baseMs + random() * (ceiling - opts.baseMs))
}
