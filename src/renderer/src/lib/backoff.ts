// Reconnect delays for the WebSocket: exponential with full jitter, so many tabs reconnecting
// after a server restart do not arrive in lockstep.

export interface BackoffOptions {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000 }

/** Delay before reconnect attempt `attempt` (0-based); `random` is injectable for tests. */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt))
  // Never below the base: an immediate retry against a server that just closed us is wasted.
  return Math.round(opts.baseMs + random() * (ceiling - opts.baseMs))
}
