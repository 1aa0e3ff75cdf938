import { describe, expect, it } from 'vitest'
import { PauseGate } from './pause-gate'

describe('PauseGate', () => {
  it('lets work through until paused, holds it while paused, releases it on resume', async () => {
    const gate = new PauseGate()
    await gate.wait()
    gate.pause()
    gate.pause() // idempotent: one resume opens it
    let passed = false
    const held = gate.wait().then(() => (passed = true))
    await new Promise((r) => setImmediate(r))
    expect(passed).toBe(false)
    expect(gate.paused).toBe(true)
    gate.resume()
    await held
    expect(passed).toBe(true)
    expect(gate.paused).toBe(false)
  })
})
