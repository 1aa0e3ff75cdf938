// kill -9 of the app while a real s5cmd copies: s5cmd must not outlive it. An orphaned s5cmd
// (re-parented to init) would finish its batch unseen and copy alongside the resume that follows;
// here, copies that reach the server after the kill are at most the ones s5cmd had in flight.
// Needs a real s5cmd (S5CMD_PATH=/opt/s5cmd/s5cmd); skipped, with the reason, without one.
import { once } from 'node:events'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { startS3Server, type LocalS3 } from '../../src/main/dev/s3-server'
import { locateS5cmd } from '../../src/main/engines/s5cmd/locate'
import { childrenOf, running, startEngineChild } from '../../src/main/engines/s5cmd/engine-child.testkit'
import { tetherSupported } from '../../src/main/engines/s5cmd/tether'
import { endpointOf, seedRandom, tasksFor } from '../helpers/engine-kit'
import { startFaultProxy, type FaultProxy, type SeenRequest } from '../helpers/fault-proxy'

const located = await locateS5cmd()
const found = located.found && located.supported
if (!found) console.info(`[s5cmd orphan test] skipped: no supported s5cmd (${located.reason ?? 'unsupported'}); run with S5CMD_PATH=/opt/s5cmd/s5cmd`)

const SRC = 'data.binance.vision'
const DST = 'lake'
const WORKERS = 4
const isCopy = (r: Omit<SeenRequest, 'action'>) => r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined

let s3: LocalS3
let proxy: FaultProxy
let tmp: string
beforeAll(async () => {
  s3 = await startS3Server({ buckets: [SRC, DST] })
  proxy = await startFaultProxy(s3.endpoint, { lifetimeMs: 120_000 })
  tmp = await mkdtemp(join(tmpdir(), 'archive-sync-orphan-'))
})
afterAll(async () => {
  await proxy?.stop()
  await s3?.stop()
  await rm(tmp, { recursive: true, force: true })
})

describe.skipIf(!found || !tetherSupported)('kill -9 of the app mid-batch, real s5cmd', () => {
  it('s5cmd is gone at once and copies nothing it had not started', async () => {
    const sizes = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`data/spot/daily/x/K${String(i).padStart(3, '0')}.zip`, 2048]))
    const objects = await seedRandom(s3, SRC, sizes)
    // Each copy waits at the proxy: the batch of 200 takes ~8 s, so the kill lands mid-batch.
    proxy.rules.push({ match: isCopy, action: { kind: 'delay', ms: 150 } })
    const bin = located.found ? located.path : ''
    const options = {
      binary: bin,
      version: located.found ? located.version : '',
      source: endpointOf(s3, SRC, proxy.endpoint),
      destination: { ...endpointOf(s3, DST, proxy.endpoint) },
      numWorkers: WORKERS,
      retryCount: 1,
      batchSize: 200,
      partSizeMb: 50,
      baseEnv: { PATH: process.env.PATH },
    }
    const app = startEngineChild({ options, tasks: tasksFor(objects, 'crash/') }, tmp)
    onTestFinished(() => void app.kill('SIGKILL'))
    for (let i = 0; i < 300 && proxy.count(isCopy) < 20; i++) await new Promise((r) => setTimeout(r, 50))
    expect(proxy.count(isCopy)).toBeGreaterThanOrEqual(20)
    const [s5cmd] = await childrenOf(app.pid!, bin)
    expect(s5cmd, 'the engine runs s5cmd').toBeGreaterThan(0)
    onTestFinished(() => void (async () => (await running(s5cmd!)) && process.kill(s5cmd!, 'SIGKILL'))().catch(() => undefined))

    app.kill('SIGKILL')
    await once(app, 'exit')
    const atKill = proxy.seen.length
    const copiedBefore = proxy.count(isCopy)
    let alive = true
    for (const end = Date.now() + 2_000; alive && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) alive = await running(s5cmd!)
    expect(alive, `s5cmd ${s5cmd} outlived the app`).toBe(false)
    // Whatever was still on its way is given time to arrive.
    await new Promise((r) => setTimeout(r, 1_000))
    const after = proxy.seen.slice(atKill).filter(isCopy)
    expect(after.length, `${after.length} copies reached the server after the kill`).toBeLessThanOrEqual(WORKERS)
    console.info(`[s5cmd orphan test] ${copiedBefore} copies before the kill, ${after.length} after`)
    expect(copiedBefore + after.length).toBeLessThan(objects.length)
    // Its temp folder was left by the kill (swept by the next process: owned-temp.test.ts).
    expect((await readdir(tmp)).filter((n) => n.startsWith('archive-sync-s5cmd-'))).toEqual([expect.stringContaining(`-${app.pid}-`)])
  }, 60_000)
})
