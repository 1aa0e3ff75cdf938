// PLUMBING TEST (fake binary): s5cmd does not outlive the app. The engine runs in a child Node
// process that is killed with SIGKILL — no exit handler runs — and the fake s5cmd it started must
// be gone at once, whether it would honour SIGTERM or ignore it. Its temp folder, left
// behind by the kill, is swept as its owner is dead. The real-binary version is
// test/integration/s5cmd-orphan.test.ts.
import { once } from 'node:events'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { sweepStale } from '../owned-temp'
import { childrenOf, running, startEngineChild } from './engine-child.testkit'
import { type FakeDir, makeFakeDir, runScript } from './fake-binary.testkit'
import { tetherSupported } from './tether'

let fake: FakeDir
let bin: string
let tmp: string
beforeAll(async () => {
  fake = await makeFakeDir()
  bin = await fake.script('s5cmd', runScript)
  tmp = await mkdtemp(join(tmpdir(), 'tether-test-'))
})
afterAll(async () => {
  await fake.remove()
  await rm(tmp, { recursive: true, force: true })
})

async function gone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (!(await running(pid))) return true
  return false
}

describe.skipIf(!tetherSupported)('s5cmd is tied to the app (kill -9 of the app)', () => {
  it.each(['term', 'hang'])('FAKE_MODE=%s: the child is gone at once; its temp folder is swept', async (mode) => {
    const options = {
      binary: bin,
      version: 'v2.2.2-48f7e59',
      source: { bucket: 'src', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:1' },
      destination: { bucket: 'dst', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:1' },
      numWorkers: 2,
      retryCount: 1,
      batchSize: 10,
      partSizeMb: 50,
      baseEnv: { PATH: process.env.PATH, FAKE_MODE: mode },
    }
    const tasks = ['a', 'b', 'c'].map((k, id) => ({ id, sourceKey: `data/${k}`, destKey: `x/${k}`, size: 1 }))
    const dir = await mkdtemp(join(tmp, `${mode}-`))
    const ours = async () => (await readdir(dir)).filter((n) => n.startsWith('archive-sync-'))
    const app = startEngineChild({ options, tasks }, dir)
    onTestFinished(() => void app.kill('SIGKILL'))
    const lines = createInterface({ input: app.stdout! })
    // The fake answers one task, then hangs: s5cmd is mid-batch when the app dies.
    const results: unknown[] = []
    for await (const line of lines) if (!JSON.parse(line).started && results.push(line) >= 1) break
    // tsx's esbuild is a child too: s5cmd is the one running the binary.
    const [s5cmd] = await childrenOf(app.pid!, bin)
    expect(s5cmd, 'the engine started its s5cmd').toBeGreaterThan(0)
    onTestFinished(() => void (async () => (await running(s5cmd!)) && process.kill(s5cmd!, 'SIGKILL'))().catch(() => undefined))
    expect(await ours()).toEqual([expect.stringMatching(new RegExp(`^archive-sync-s5cmd-${app.pid}-`))])

    app.kill('SIGKILL')
    await once(app, 'exit')
    // The watcher SIGKILLs it as soon as the pipe from the app reads EOF.
    expect(await gone(s5cmd!, 2_000), `s5cmd ${s5cmd} outlived the app`).toBe(true)
    expect(await childrenOf(s5cmd!)).toEqual([])
    // The owner is dead: the next process that makes an s5cmd folder removes this one first.
    expect(await sweepStale('s5cmd', dir)).toEqual([expect.stringMatching(`archive-sync-s5cmd-${app.pid}-`)])
    expect(await ours()).toEqual([])
  }, 20_000)
})
