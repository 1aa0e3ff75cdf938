import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DestinationStore } from './destination-store'

describe('DestinationStore', () => {
  it('saves, replaces by name, lists sorted and deletes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dest-store-'))
    try {
      const store = new DestinationStore(dir)
      expect(await store.list()).toEqual([])
      await Promise.all([
        store.save({ name: 'lake', kind: 's3', bucket: 'lake', prefix: 'bronze' }),
        store.save({ name: 'disk', kind: 'local', prefix: '', output_directory: '/tmp/x' }),
      ])
      await store.save({ name: 'lake', kind: 's3', bucket: 'lake2', prefix: '' })
      expect((await store.list()).map((d) => `${d.name}:${d.bucket ?? d.output_directory}`)).toEqual(['disk:/tmp/x', 'lake:lake2'])
      expect(await store.delete('disk')).toHaveLength(1)
      expect(() => store.save({ name: 'bad', kind: 's3', prefix: '' })).toThrow(/needs a bucket/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('refuses a damaged file with its code, and never hands on a key written into it by hand', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dest-store-'))
    try {
      const store = new DestinationStore(dir)
      const file = join(dir, 'destinations.json')
      await writeFile(file, '{"schemaVersion":1,"destinations":[')
      await expect(store.list()).rejects.toMatchObject({ code: 'DESTINATIONS_CORRUPT', message: expect.stringMatching(/not JSON/) })
      await writeFile(file, JSON.stringify({ destinations: [] }))
      await expect(store.list()).rejects.toMatchObject({ code: 'DESTINATIONS_CORRUPT' })
      await writeFile(file, JSON.stringify({ schemaVersion: 1, destinations: [{ name: 'lake', kind: 's3', bucket: 'lake', secret_access_key: 'hand-secret' }] }))
      const listed = await store.list()
      expect(listed.map((d) => d.name)).toEqual(['lake'])
      expect(JSON.stringify(listed)).not.toContain('hand-secret')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
