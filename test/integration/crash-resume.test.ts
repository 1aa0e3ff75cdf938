// The built CLI killed and resumed the way a user does it: kill -9 redoes at most what was in
// flight; `resume <jobId>` without the job file refuses at once when it has nothing to sign with,
// and works from the environment; a second process on the same job or the same destination is
// refused with the holder named; the report after a no-op resume still covers the whole job; a
// job file that says something no rule reads exits 2. CopyObject requests are counted by the
// fault proxy between the CLI and s3rver. Runs the SDK engine, or s5cmd with S5CMD_PATH set.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveObject } from '../../src/main/dev/fixtures'
import type { LocalS3 } from '../../src/main/dev/s3-server'
import { type FaultProxy, type SeenRequest } from '../helpers/fault-proxy'
import { LAKE, SRC, selection, startProxiedArchive, type ProxiedArchive } from '../helpers/proxied-archive'

const BIN = join(process.cwd(), 'bin/archive-sync.js')
/** No credentials in the environment: only the job file (or nothing) can give them. */
const NO_AWS = { AWS_REGION: '', AWS_ENDPOINT_URL: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '' }

let env: ProxiedArchive
let s3: LocalS3
let proxy: FaultProxy
let objects: ArchiveObject[]
let data: string

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'out/main/cli.js'))) throw new Error('Build first: npm run build (the CLI runs from out/main)')
  env = await startProxiedArchive('crash')
  ;({ s3, proxy, objects, data } = env)
})
afterAll(() => env?.stop())

const jobFile = async (name: string, prefix: string, extra: Record<string, unknown> = {}) => {
  const file = join(data, `${name}.json`)
  const config = {
    enable_s3_direct_sync: true,
    // direct_sync: the SDK engine records RE001 (a fallback), s5cmd counts batches; either way the
    // report has run-level figures a later session must not wipe.
    operation_mode: 'direct_sync',
    destination_bucket: LAKE,
    destination_prefix: prefix,
    s3_config: { endpoint_url: proxy.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region },
    source: { bucket: SRC, endpoint_url: proxy.endpoint, region: s3.region },
    performance_optimization: { max_concurrent: 1 },
    ...selection,
    ...extra,
  }
  await writeFile(file, JSON.stringify(config))
  return file
}
const isCopy = (r: Omit<SeenRequest, 'action'>) => r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined
const copiedKeys = (from: number, prefix: string) =>
  proxy.seen.slice(from).filter((r) => isCopy(r) && r.path.startsWith(`/${LAKE}/${prefix}/`)).map((r) => r.path.slice(`/${LAKE}/${prefix}/`.length))
const journalOf = async (jobId: string) =>
  (await readFile(join(data, 'jobs', jobId, 'journal.ndjson'), 'utf8')).split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l) as Record<string, unknown>)
const reportOf = async (jobId: string) => JSON.parse(await readFile(join(data, 'jobs', jobId, 'report.json'), 'utf8')) as Record<string, unknown>

function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; jobId: Promise<string>; exit: Promise<{ code: number; stderr: string; stdout: string }> } {
  const child = spawn(process.execPath, [BIN, ...args, '--data-dir', data, '--json'], { env: { ...process.env, ...NO_AWS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  let stdout = ''
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()))
  const lines = createInterface({ input: child.stdout! })
  const jobId = new Promise<string>((resolve, reject) => {
    lines.once('line', (l: string) => resolve((JSON.parse(l) as { jobId: string }).jobId))
    child.once('exit', () => reject(new Error(`exited before announcing a job: ${stderr}`)))
  })
  jobId.catch(() => undefined)
  lines.on('line', (l: string) => (stdout += `${l}\n`))
  const exit = once(child, 'exit').then(([code]) => ({ code: code as number, stderr, stdout }))
  return { child, jobId, exit }
}
const cli = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [BIN, ...args, '--data-dir', data], { env: { ...process.env, ...NO_AWS, ...env }, maxBuffer: 1 << 26 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  )

describe('kill -9, then resume without the job file, one process at a time', () => {
  let file: string
  let jobId: string
  let journaled: Set<string>
  let firstRun: string[]
  // Copies a kill may find answered but unjournaled: the one whose fsync may have been under way,
  // plus those in flight — one at max_concurrent 1, two with s5cmd, which never runs fewer than
  // two workers (parallel.New's minimum in s5cmd 2.2.2).
  let unjournaledBound: number
  const envKeys = () => ({ AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey })

  it('kill -9 at the 60th copy: at most the objects in flight are unjournaled', async () => {
    file = await jobFile('crash', 'crash')
    const before = proxy.seen.length
    let copies = 0
    const victim: { child?: ChildProcess } = {}
    // The kill lands as the 60th copy arrives: 59 copies have been answered, one is in flight.
    const rule = { match: (r: Omit<SeenRequest, 'action'>) => isCopy(r) && ++copies === 60 && (victim.child?.kill('SIGKILL'), true), action: { kind: 'delay' as const, ms: 5_000 } }
    const slow = { match: isCopy, action: { kind: 'delay' as const, ms: 5 } }
    proxy.rules.push(rule, slow)
    const run = start(['run', '--config', file])
    victim.child = run.child
    jobId = await run.jobId
    await run.exit
    proxy.rules.splice(proxy.rules.indexOf(rule), 1)
    proxy.rules.splice(proxy.rules.indexOf(slow), 1)
    journaled = new Set((await journalOf(jobId)).filter((l) => l.type === 'result' && l.outcome === 'synced').map((l) => l.key as string))
    firstRun = copiedKeys(before, 'crash')
    // Answered copies the journal lost (a 250 ms commit timer lost every copy of its window).
    const engines = new Set((await journalOf(jobId)).filter((l) => l.type === 'result').map((l) => l.engine))
    unjournaledBound = engines.has('s5cmd') ? 3 : 2
    const lost = firstRun.filter((k) => !journaled.has(k))
    expect(journaled.size).toBeGreaterThanOrEqual(57)
    expect(lost.length, `copied but not journaled: ${lost.join(', ')}`).toBeLessThanOrEqual(unjournaledBound)
  }, 120_000)

  it('resume without --config and nothing to sign with: exit 2 at once, a code and the fix, no request sent', async () => {
    const before = proxy.seen.length
    const t = Date.now()
    const r = await cli(['resume', jobId])
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain('RESUME_CREDENTIALS')
    expect(r.stderr).toContain('--config job.json')
    expect(r.stderr).toMatch(/AWS_ACCESS_KEY_ID.*AWS_PROFILE/)
    expect(Date.now() - t).toBeLessThan(8_000)
    expect(proxy.seen.length).toBe(before)
  }, 30_000)

  it('a second resume of the running job exits 2 naming the holder; the first redoes only what was not journaled', async () => {
    const slow = { match: isCopy, action: { kind: 'delay' as const, ms: 20 } }
    proxy.rules.push(slow)
    const mid = proxy.seen.length
    const first = start(['resume', jobId], envKeys())
    await first.jobId
    const second = await cli(['resume', jobId, '--config', file])
    expect(second.code, second.stderr).toBe(2)
    expect(second.stderr).toContain('JOB_LOCKED')
    expect(second.stderr).toContain(`process ${first.child.pid}`)
    expect(second.stderr).toMatch(/since \d{4}-\d\d-\d\dT/)
    const done = await first.exit
    proxy.rules.splice(proxy.rules.indexOf(slow), 1)
    expect(done.code, done.stderr).toBe(0)
    const redone = copiedKeys(mid, 'crash')
    // Each remaining object once; of the first run's answered copies, at most those above again.
    expect(new Set(redone).size).toBe(redone.length)
    expect(redone.filter((k) => firstRun.includes(k)).length).toBeLessThanOrEqual(unjournaledBound)
    expect([...redone].sort()).toEqual(objects.map((o) => o.key).filter((k) => !journaled.has(k)).sort())
    expect(await reportOf(jobId)).toMatchObject({ status: 'completed', files_synced: 300, files_failed: 0, files_verified: 300, sessions: 2 })
  }, 120_000)

  it('a no-op resume keeps the whole job\'s report: batches and fallbacks across sessions, each session beside', async () => {
    const full = await reportOf(jobId)
    expect((full.fallback_count as number) + (full.batch_count as number)).toBeGreaterThan(0)
    const before = proxy.seen.length
    const r = await cli(['resume', jobId], envKeys())
    expect(r.code, r.stderr).toBe(0)
    expect(copiedKeys(before, 'crash')).toEqual([])
    const again = await reportOf(jobId)
    expect(again).toMatchObject({ status: 'completed', files_synced: 300, files_failed: 0, total_files_processed: 300, bytes_transferred: full.bytes_transferred, fallback_count: full.fallback_count, batch_count: full.batch_count, average_batch_size: full.average_batch_size, fallback_triggers: full.fallback_triggers, sessions: 3 })
    const per = again.per_session as Record<string, unknown>[]
    expect(per.map((s) => [s.resumed, s.interrupted])).toEqual([[false, true], [true, false], [true, false]])
    expect(per.reduce((a, s) => a + (s.files_synced as number), 0)).toBe(300)
    expect(per[2]).toMatchObject({ files_synced: 0, batch_count: 0, fallback_count: 0 })
  }, 60_000)
})

describe('two runs of one config to one destination', () => {
  it('the second exits 2 naming the first, leaves no job behind, and runs once the first is done', async () => {
    const file = await jobFile('twice', 'twice')
    const slow = { match: isCopy, action: { kind: 'delay' as const, ms: 10 } }
    proxy.rules.push(slow)
    const before = proxy.seen.length
    const first = start(['run', '--config', file], {})
    const jobId = await first.jobId
    const jobsBefore = (await readdir(join(data, 'jobs'))).length
    const second = await cli(['run', '--config', file])
    expect(second.code, second.stderr).toBe(2)
    expect(second.stderr).toContain('DESTINATION_LOCKED')
    expect(second.stderr).toContain(`process ${first.child.pid}`)
    expect(second.stderr).toContain(`job ${jobId}`)
    expect((await readdir(join(data, 'jobs'))).length).toBe(jobsBefore)
    const done = await first.exit
    proxy.rules.splice(proxy.rules.indexOf(slow), 1)
    expect(done.code, done.stderr).toBe(0)
    // Every object copied once, by the first run only.
    expect(copiedKeys(before, 'twice')).toHaveLength(300)
    const third = await cli(['run', '--config', file, '--json'])
    expect(third.code, third.stderr).toBe(0)
    expect(JSON.parse(third.stdout.trim().split('\n').at(-1)!)).toMatchObject({ files_synced: 0, files_skipped: 300 })
  }, 120_000)
})

describe('a job file that says something no rule reads exits 2 before any request', () => {
  it.each([
    ['CE017', 'destination_buckett', { destination_buckett: 'lake' }, /destination_buckett.*did you mean "destination_bucket"/],
    ['CE017', 'max_concurent', { performance_optimization: { max_concurent: 40 } }, /max_concurent.*did you mean "max_concurrent"/],
    ['CE014', 'markets: []', { markets: [] }, /markets is empty/],
    ['CE034', 'output_directory /dev/null', { destination_bucket: undefined, enable_s3_direct_sync: false, output_directory: '/dev/null' }, /\/dev\/null exists and is not a folder/],
    ['CE031', 'two destinations', { output_directory: '/tmp/x' }, /both destination_bucket/],
    ['CE032', 'delete_extraneous with copy', { delete_extraneous: true }, /sync_mode is "copy"/],
    ['CE033', 's3_config: null', { s3_config: null }, /s3_config is null/],
    ['CE030', 'a 10,000-character prefix', { destination_prefix: 'p'.repeat(10_000) }, /at most 1024 bytes/],
  ])('%s: %s', async (code, _label, patch, message) => {
    const file = await jobFile(`bad-${Math.random().toString(36).slice(2)}`, 'bad', patch)
    const before = proxy.seen.length
    const r = await cli(['run', '--config', file])
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/Fix: /)
    expect(proxy.seen.length).toBe(before)
  }, 30_000)

  it('millions of bad values print 20 issues and a count, not megabytes', async () => {
    const file = await jobFile('many', 'many', { symbols: Array.from({ length: 200_000 }, (_, i) => `bad/${i}`) })
    const r = await cli(['run', '--config', file])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/… and 199980 more \(CE008\)/)
    expect(r.stderr.length).toBeLessThan(10_000)
  }, 60_000)
})
