// The output root: fixed in browser mode, picked with main's folder dialog on the desktop; a
// connection's download folder is then resolved inside whichever root is current.
import { mkdtemp, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type App } from '../app'

let dir: string
let app: App | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-sync-root-'))
})
afterEach(async () => {
  await app?.close()
  await rm(dir, { recursive: true, force: true })
})

const DOWNLOAD = { markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'], date_range: { start: '2024-03-01', end: '2024-03-02' } }

describe('app:outputRoot', () => {
  it('browser mode: the root given to serve, no dialog', async () => {
    app = createApp({ transport: 'websocket', dataDir: dir, outputRoot: join(dir, 'out'), env: {} })
    expect(await app.handlers['app:outputRoot']({ choose: true })).toEqual({ path: join(dir, 'out'), canChoose: false })
  })

  it('desktop: the folder picked in the dialog becomes the root; a cancelled dialog keeps the old one', async () => {
    const picks = [join(dir, 'picked'), undefined]
    app = createApp({ transport: 'electron', dataDir: dir, env: {}, chooseOutputRoot: async () => picks.shift() })
    expect(await app.handlers['app:outputRoot']({})).toEqual({ path: join(dir, 'downloads'), canChoose: true })
    const picked = await realpath(await app.handlers['app:outputRoot']({ choose: true }).then((r) => r.path))
    expect(picked).toBe(await realpath(join(dir, 'picked')))
    expect((await app.handlers['app:outputRoot']({ choose: true })).path).toBe(picked)
    const inside = await app.handlers['config:validate']({ config: { ...DOWNLOAD, output_directory: 'btc' } })
    expect(inside).toEqual({ ok: true, issues: [] })
    const old = await app.handlers['config:validate']({ config: { ...DOWNLOAD, output_directory: join(dir, 'downloads', 'btc') } })
    expect(old.issues.map((i) => i.code)).toEqual(['CE023'])
  })
})
