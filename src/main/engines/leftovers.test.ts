// What a killed download leaves is removed before the object is fetched again, and nothing else:
// not the targets themselves, not the .CHECKSUM sibling, not files of objects this run does not fetch.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeLeftovers } from './leftovers'
import { createS5cmdEngine } from './s5cmd/engine'
import { makeFakeDir, runScript, type FakeDir } from './s5cmd/fake-binary.testkit'

let tmp: string
let fake: FakeDir
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'leftovers-'))
  fake = await makeFakeDir()
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
  await fake.remove()
})

const Z = 'BTCUSDT-1h-2024-01-01.zip'

async function folder(name: string, files: string[]): Promise<string> {
  const dir = join(tmp, name)
  await mkdir(dir, { recursive: true })
  for (const f of files) await writeFile(join(dir, f), 'x')
  return dir
}

describe('removeLeftovers', () => {
  it("removes our .part files and s5cmd's <name><digits> temp files of the given targets only", async () => {
    const kept = [Z, `${Z}.CHECKSUM`, 'other.zip1315431577', '.other.zip.0a1b2c3d.part', `.${Z}.notahex.part`, 'x1']
    const dir = await folder('a', [...kept, `.${Z}.0a1b2c3d.part`, `${Z}1315431577`, `${Z}.CHECKSUM42`, 'x17'])
    const n = await removeLeftovers([join(dir, Z), join(dir, `${Z}.CHECKSUM`), join(dir, 'x'), join(dir, 'x1')])
    expect(n).toBe(4)
    expect((await readdir(dir)).sort()).toEqual([...kept].sort())
  })

  it('a folder that does not exist yet is nothing to clean', async () => {
    expect(await removeLeftovers([join(tmp, 'missing', Z)])).toBe(0)
  })

  it('the s5cmd engine in download mode removes them before its batch', async () => {
    const dir = await folder('s5', [`${Z}2750136541`, `.${Z}.ffffffff.part`])
    const bin = await fake.script('s5cmd', runScript)
    const engine = createS5cmdEngine({
      binary: bin,
      version: 'v2.2.2-48f7e59',
      source: { bucket: 'src', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:1' },
      destination: { bucket: '', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:1' },
      localRoot: tmp,
      numWorkers: 1,
      retryCount: 1,
      batchSize: 10,
      partSizeMb: 50,
      baseEnv: { PATH: process.env.PATH },
    })
    const results: string[] = []
    await engine.run([{ id: 0, sourceKey: `data/${Z}`, destKey: `s5/${Z}`, size: 1 }], { signal: new AbortController().signal, onResult: (r) => void results.push(r.outcome), log: () => undefined })
    expect(results).toEqual(['synced'])
    expect(await readdir(dir)).toEqual([])
  })
})
