import { existsSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openOutputFile, outputFolder } from './output-file'

let folders: { remove: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(folders.map((f) => f.remove()))
  folders = []
})

async function setup(intervalMs = 10) {
  const folder = await outputFolder()
  folders.push(folder)
  const path = join(folder.path, '0.stdout')
  const lines: string[] = []
  const out = await openOutputFile(path, (l) => lines.push(l), intervalMs)
  return { path, lines, out, write: (s: string | Buffer) => writeSync(out.fd, typeof s === 'string' ? Buffer.from(s) : s) }
}

describe('s5cmd output file', () => {
  it('delivers complete lines while the child is still writing, and holds back a partial one', async () => {
    const { lines, out, write } = await setup()
    write('{"a":1}\n{"b"')
    await vi.waitFor(() => expect(lines).toEqual(['{"a":1}']))
    write(':2}\n')
    await vi.waitFor(() => expect(lines).toEqual(['{"a":1}', '{"b":2}']))
    await out.finish()
  })

  it('keeps a UTF-8 character whole when a write splits it, strips CR, and delivers a last line without newline', async () => {
    const { lines, out, write } = await setup()
    const key = Buffer.from('s3://lake/币安人生USDT.zip\r\n', 'utf8')
    const cut = key.indexOf(Buffer.from('安', 'utf8')) + 1 // inside the 3-byte character
    write(key.subarray(0, cut))
    await new Promise((r) => setTimeout(r, 30)) // the timer reads the half character on its own
    write(key.subarray(cut))
    write('{"tail":true}')
    await out.finish()
    expect(lines).toEqual(['s3://lake/币安人生USDT.zip', '{"tail":true}'])
  })

  it('reads far more than one buffer at finish, in order, and removes the file', async () => {
    const { path, lines, out, write } = await setup(60_000) // no timer reads: finish does it all
    const want = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ operation: 'cp', success: true, source: `s3://src/k/${i}`, destination: `s3://dst/k/${i}` }))
    write(`${want.join('\n')}\n`)
    await out.released()
    expect(lines).toEqual([])
    await out.finish()
    expect(lines).toEqual(want)
    expect(existsSync(path)).toBe(false)
  })
})
