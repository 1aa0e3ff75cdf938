// Local writes stay under the folder by real path: a symlink inside it is refused, before the
// write and again before the rename.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { assertParentUnder, containedPath, folderUnderRoot, OutsideRootError } from './contained'

let dir: string
let root: string
let outside: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-sync-contained-'))
  root = join(dir, 'root')
  outside = join(dir, 'outside')
  await mkdir(root)
  await mkdir(outside)
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('containedPath', () => {
  it('resolves keys under the root, existing folders or not', () => {
    expect(containedPath(root, 'data/spot/a.zip')).toBe(join(root, 'data/spot/a.zip'))
  })

  it('refuses names that climb out and the root itself', () => {
    for (const k of ['../x.zip', '/etc/passwd', 'a/../../x', '']) expect(() => containedPath(root, k), k).toThrow(OutsideRootError)
  })

  it('refuses a symlink inside the root that leads out, at any depth', async () => {
    await symlink(outside, join(root, 'data'))
    expect(() => containedPath(root, 'data/spot/a.zip')).toThrow(/a link inside the folder leads out/)
  })

  it('accepts a root that is itself reached through a link', async () => {
    await symlink(root, join(dir, 'alias'))
    expect(containedPath(join(dir, 'alias'), 'data/a.zip')).toBe(join(dir, 'alias', 'data/a.zip'))
  })

  it('checks again before a rename: a folder swapped for a link is refused', async () => {
    await mkdir(join(root, 'data'))
    const target = containedPath(root, 'data/a.zip')
    await expect(assertParentUnder(root, target)).resolves.toBeUndefined()
    await rm(join(root, 'data'), { recursive: true })
    await symlink(outside, join(root, 'data'))
    await expect(assertParentUnder(root, target)).rejects.toThrow(OutsideRootError)
  })
})

describe('folderUnderRoot', () => {
  it('takes relative folders, absolute ones inside, and refuses the rest', async () => {
    expect(folderUnderRoot(root, 'btc')).toBe(join(root, 'btc'))
    expect(folderUnderRoot(root, join(root, 'btc'))).toBe(join(root, 'btc'))
    expect(() => folderUnderRoot(root, outside)).toThrow(OutsideRootError)
    await symlink(outside, join(root, 'link'))
    expect(() => folderUnderRoot(root, 'link/sub')).toThrow(OutsideRootError)
  })
})
