// Destinations saved by name in the data folder (destinations.json), read and written only here
// (fileSchema). They hold where to copy and how to sign (a profile name, a region, an endpoint) —
// never keys: destinationSchema has no field for one, and the renderer never has them.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { AppError, destinationSchema, type Destination } from '../../shared/contract'
import { parseStored } from '../stored-json'

const fileSchema = z.object({ schemaVersion: z.literal(1), destinations: z.array(destinationSchema) })

export class DestinationStore {
  private readonly file: string
  /** Serialises read-modify-write so two saves from two windows do not lose one. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string) {
    this.file = join(dataDir, 'destinations.json')
  }

  async list(): Promise<Destination[]> {
    const text = await readFile(this.file, 'utf8').catch(() => null)
    if (text === null) return []
    return parseStored(this.file, text, fileSchema, { code: 'DESTINATIONS_CORRUPT', what: 'a destinations file', fix: 'fix or delete it' }).destinations
  }

  save(d: Destination): Promise<Destination[]> {
    if (d.kind === 's3' && !d.bucket) throw new AppError('CE013', 'an S3 destination needs a bucket')
    if (d.kind === 'local' && !d.output_directory) throw new AppError('CE013', 'a local destination needs a folder')
    return this.update((all) => [...all.filter((x) => x.name !== d.name), d].sort((a, b) => a.name.localeCompare(b.name)))
  }

  delete(name: string): Promise<Destination[]> {
    return this.update((all) => all.filter((x) => x.name !== name))
  }

  private update(fn: (all: Destination[]) => Destination[]): Promise<Destination[]> {
    const next = this.queue.then(async () => {
      const all = fn(await this.list())
      await mkdir(dirname(this.file), { recursive: true })
      // Write then rename: a crash mid-write leaves the old file, not half a new one.
      const tmp = `${this.file}.tmp`
      await writeFile(tmp, JSON.stringify({ schemaVersion: 1, destinations: all }, null, 2))
      await rename(tmp, this.file)
      return all
    })
    this.queue = next.catch(() => undefined)
    return next
  }
}
