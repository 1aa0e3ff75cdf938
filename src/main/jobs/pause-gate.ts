// Pause: engines stop taking new work at the gate; what is in flight finishes, so nothing is
// left half-done and the journal stays exact. A cancel opens the gate so the job can wind down.
export class PauseGate {
  private waiting: Promise<void> | undefined
  private open: (() => void) | undefined

  get paused(): boolean {
    return this.waiting !== undefined
  }

  pause(): void {
    this.waiting ??= new Promise<void>((resolve) => (this.open = resolve))
  }

  resume(): void {
    this.open?.()
    this.waiting = this.open = undefined
  }

  /** Resolves at once unless paused; engines await it before dispatching each task or batch. */
  wait = (): Promise<void> => this.waiting ?? Promise.resolve()
}
