import { mkdtemp, rm } from 'node:fs/promises'
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
})
