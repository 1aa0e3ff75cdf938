// A counting semaphore over bytes: every part buffer held by an engine is acquired here first, so
// the engine's memory is bounded by the budget, however many objects are in flight. Callers
// acquire the exact size of the part they are about to read (sizes are known from the listing),
// and never wait for a second part while holding bytes nobody will release — no deadlock.
export class ByteBudget {
  private used = 0
  /** The most ever held at once: tests assert the bound with it. */
  peak = 0
  private readonly waiting: { bytes: number; resolve: () => void }[] = []

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.used
  }

  async acquire(bytes: number, signal?: AbortSignal): Promise<void> {
    const need = Math.min(bytes, this.limit)
    if (this.waiting.length === 0 && this.used + need <= this.limit) {
      this.used += need
      this.peak = Math.max(this.peak, this.used)
      return
    }
    signal?.throwIfAborted()
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(entry)
        if (i >= 0) this.waiting.splice(i, 1)
        reject(signal?.reason)
      }
      const entry = {
        bytes: need,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      this.waiting.push(entry)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  release(bytes: number): void {
    this.used -= Math.min(bytes, this.limit)
    // First come, first served: a big part is not starved by a stream of small ones.
    while (this.waiting.length > 0 && this.used + this.waiting[0].bytes <= this.limit) {
      const next = this.waiting.shift()!
      this.used += next.bytes
      this.peak = Math.max(this.peak, this.used)
      next.resolve()
    }
  }
}
