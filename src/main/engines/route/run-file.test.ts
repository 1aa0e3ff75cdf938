// `plan --out batch.txt` against a real run of the same job: the command line, the variables it
// says to set and every `cp` line must be what the engine starts s5cmd with. A stand-in binary
// records its argv, the AWS variables it was given and its stdin (process plumbing only: it
// proves nothing about s5cmd itself).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { validateConfig, type JobConfig } from '../../../shared/config/validate'
import { destinationEndpoint, sourceEndpoint } from '../../s3/clients'
import { makeFakeDir, type FakeDir } from '../s5cmd/fake-binary.testkit'
import type { UsableS5cmd } from '../s5cmd/locate'
import type { CopyTask } from '../types'
import { createEngine } from './create-engine'
import { s5cmdRunFile } from './run-file'

// Records, then answers every line with s5cmd's success shape so that no task falls back.
const recorder = `
const fs = require('node:fs')
let input = ''
process.stdin.setEncoding('utf8').on('data', (d) => (input += d)).on('end', () => {
  const env = Object.keys(process.env).filter((k) => k.startsWith('AWS_')).sort()
  fs.writeFileSync(process.env.RECORD_TO, JSON.stringify({ argv: process.argv.slice(2), env, stdin: input }))
  for (const line of input.split('\\n').filter(Boolean)) {
    const q = [...line.matchAll(/'((?:[^']|'\\\\'')*)'/g)].map((m) => m[1].replaceAll("'\\\\''", "'"))
    const [source, destination] = q.slice(-2)
    process.stdout.write(JSON.stringify({ operation: 'cp', success: true, source, destination, object: { key: destination, type: 'file' } }) + '\\n')
  }
})`

let fake: FakeDir
let s5cmd: UsableS5cmd
beforeAll(async () => {
  fake = await makeFakeDir()
  s5cmd = { found: true, supported: true, path: await fake.script('s5cmd', recorder), version: 'v2.3.0-991c9fb' }
})
afterAll(() => fake.remove())

const config = (extra: Record<string, unknown>): JobConfig => {
  const r = validateConfig({
    source: { bucket: 'data.binance.vision', region: 'ap-northeast-1', endpoint_url: 'http://127.0.0.1:1' },
    destination_bucket: 'lake',
    destination_prefix: 'raw',
    s3_config: { access_key_id: 'AKIAEXAMPLE1234', secret_access_key: 'not-a-real-secret', endpoint_url: 'http://127.0.0.1:1' },
    performance_optimization: { max_concurrent: 7, batch_size: 100, retry_count: 2 },
    markets: ['spot'], symbols: ['BTCUSDT'], data_types: ['klines'], intervals: ['1h'],
    date_range: { start: '2024-01-01', end: '2024-01-02' },
    ...extra,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

const tasks: CopyTask[] = [
  { id: 0, sourceKey: 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip', destKey: 'raw/data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01-01.zip', size: 10 },
  { id: 1, sourceKey: 'data/odd/a*[x].zip', destKey: 'raw/data/odd/a*[x].zip', size: 10 },
]

/** The run file's command line as argv (its binary and `< batch.txt` left off), its variable names and its lines. */
function parseRunFile(text: string) {
  const lines = text.split('\n')
  const command = lines.find((l) => l.startsWith('#   s5cmd '))!.replace(/^# {3}s5cmd /, '').replace(/ < batch\.txt$/, '')
  const env = /^# with (.*) set in the environment/.exec(lines.find((l) => l.startsWith('# with '))!)![1]!.split(', ')
  return { argv: command.split(' '), env, batch: lines.filter((l) => !l.startsWith('#')).join('\n') }
}

async function realRun(c: JobConfig, record: string) {
  vi.stubEnv('RECORD_TO', record)
  const engine = createEngine('s5cmd', c, sourceEndpoint(c), destinationEndpoint(c), s5cmd)
  const results: string[] = []
  await engine.run(tasks, { signal: new AbortController().signal, onResult: (r) => results.push(r.outcome), log: () => undefined })
  vi.unstubAllEnvs()
  expect(results).toEqual(['synced', 'synced'])
  return JSON.parse(await readFile(record, 'utf8')) as { argv: string[]; env: string[]; stdin: string }
}

describe('plan --out batch.txt runs what a real run runs', () => {
  it.each([
    ['S3 → S3 with keys', {}],
    ['S3 → S3 with a profile', { s3_config: { profile: 'lake-writer', endpoint_url: 'http://127.0.0.1:1' } }],
    ['download to a local folder', { output_directory: '/tmp/archive-sync-run-file-test', operation_mode: 'direct_sync', enable_s3_direct_sync: false, destination_bucket: undefined }],
  ])('%s', async (_name, extra) => {
    const c = config(extra)
    const file = parseRunFile(s5cmdRunFile(c, { tasks: tasks.map((t) => ({ ...t, dataset: 'spot/klines' })) }, s5cmd))
    const seen = await realRun(c, join(fake.dir, 'record.json'))
    expect(file.argv).toEqual(seen.argv)
    // Every variable the run file names is one the child got, and the child got no credential it does not name.
    expect([...file.env].sort()).toEqual(seen.env.filter((k) => /^AWS_(REGION|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)$/.test(k)))
    expect(file.batch).toBe(seen.stdin)
  })

  it('writes its lines for the s5cmd it found, else for the oldest supported one, and says which', () => {
    const c = config({})
    const found = s5cmdRunFile(c, { tasks: [{ ...tasks[0]!, dataset: 'spot/klines' }] }, s5cmd)
    expect(found).toContain('--metadata-directive COPY')
    expect(found).toContain(`# Lines written for s5cmd v2.3.0-991c9fb (found at ${s5cmd.path}).`)
    const missing = s5cmdRunFile(c, { tasks: [{ ...tasks[0]!, dataset: 'spot/klines' }] }, { found: false, reason: 's5cmd tool not found in PATH' })
    expect(missing).not.toContain('--metadata-directive')
    expect(missing).toContain('# Lines written for s5cmd 2.2.2: no usable s5cmd here (s5cmd tool not found in PATH).')
    expect(`${found}${missing}`).not.toMatch(/AKIAEXAMPLE1234|not-a-real-secret/)
  })
})
