// The stdin feeder against a stand-in for s5cmd's reader: a stream whose lines "finish" when the
// test says so. What matters to a user: a pause holds every line not yet handed over, nothing is
// ever handed over twice or lost, and a silent or dead s5cmd never hangs the job.
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { feedLines, type FeedOptions } from './feeder'

const lines = (n: number) => Array.from({ length: n }, (_, i) => `cp 'a${i}' 'b${i}'\n`)

function harness(overrides: Partial<FeedOptions> = {}) {
  const stdin = new PassThrough()
  let received = ''
  stdin.on('data', (d: Buffer) => (received += d.toString()))
  let reported = 0
  let end!: () => void
  const exited = new Promise<void>((r) => (end = r))
  const ac = new AbortController()
  const o: FeedOptions = { window: 4, reported: () => reported, refresh: async () => undefined, signal: ac.signal, exited, pollMs: 1, ...overrides }
  return {
    stdin,
    o,
    ac,
    end,
    handed: () => received.split('\n').filter(Boolean).length,
    text: () => received,
    report: (n: number) => (reported += n),
  }
}

/** The job's pause gate as the engine sees it: a wait that holds while paused. */
function gate() {
  let held: Promise<void> | undefined
  let open = (): void => undefined
  return {
    pause: () => void (held ??= new Promise<void>((r) => (open = r))),
    resume: () => (open(), (held = undefined)),
    wait: () => held ?? Promise.resolve(),
  }
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms))

describe('feedLines', () => {
  it('hands over at most `window` unreported lines, in order, each once, then ends stdin', async () => {
    const h = harness()
    const all = lines(10)
    const done = feedLines(h.stdin, all, h.o)
    await tick()
    expect(h.handed()).toBe(4)
    h.report(3)
    await tick()
    expect(h.handed()).toBe(7)
    h.report(7)
    await done
    expect(h.text()).toBe(all.join(''))
    expect(h.stdin.writableEnded).toBe(true)
  })

  it('reads the output files itself while the window is full', async () => {
    let refreshes = 0
    const h = harness()
    h.o.refresh = async () => {
      if (++refreshes === 3) h.report(4)
    }
    await feedLines(h.stdin, lines(6), h.o)
    expect(refreshes).toBeGreaterThanOrEqual(3)
    expect(h.handed()).toBe(6)
  })

  it('a pause holds every line not yet handed over; continue hands over the rest', async () => {
    const g = gate()
    const h = harness({ waitIfPaused: g.wait })
    const done = feedLines(h.stdin, lines(12), h.o)
    await tick()
    g.pause()
    h.report(4)
    await tick(50)
    // The window freed up, but the job is paused: nothing more reaches s5cmd.
    expect(h.handed()).toBe(4)
    await tick(50)
    expect(h.handed()).toBe(4)
    g.resume()
    h.report(8)
    await done
    expect(h.handed()).toBe(12)
  })

  it('a silent s5cmd does not hang the batch: after stallMs the rest is handed over, with a warning', async () => {
    const stalls: number[] = []
    const h = harness({ stallMs: 30, onStall: (n) => stalls.push(n) })
    await feedLines(h.stdin, lines(9), h.o)
    expect(h.handed()).toBe(9)
    expect(stalls).toEqual([4])
  })

  it('stops at a cancel, and when the child has exited (no pipe to close), without throwing', async () => {
    const h = harness()
    const done = feedLines(h.stdin, lines(9), h.o)
    await tick()
    h.ac.abort()
    await done
    expect(h.handed()).toBe(4)

    const g = harness()
    const gone = feedLines(g.stdin, lines(9), g.o)
    await tick()
    g.end()
    await gone
    expect(g.handed()).toBe(4)
  })

  it('a pipe that breaks mid-feed (s5cmd crashed) ends the feed quietly', async () => {
    const h = harness()
    const done = feedLines(h.stdin, lines(9), h.o)
    await tick()
    h.stdin.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
    h.report(4)
    await expect(done).resolves.toBe(4)
    expect(h.handed()).toBe(4)
  })

  it('weighted lines: the window counts tasks; a line heavier than the room left goes while any room is', async () => {
    // Line weights 1, 6, 1, 1 against a window of 4 tasks.
    const h = harness({ weights: [1, 6, 1, 1] })
    const done = feedLines(h.stdin, lines(4), h.o)
    await tick()
    // One task in flight leaves room for 3: the 6-task line goes whole (s5cmd must not wait for it), the next does not.
    expect(h.handed()).toBe(2)
    h.report(3)
    await tick()
    // 4 of 7 tasks unreported: no room.
    expect(h.handed()).toBe(2)
    h.report(1)
    await tick()
    expect(h.handed()).toBe(3)
    h.report(5)
    await done
    expect(h.handed()).toBe(4)
  })
})
