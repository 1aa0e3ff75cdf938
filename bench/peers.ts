// The whole job as a user runs it, against the tools a user would pick instead: one generated
// archive in one local S3, one concurrency for every tool, each run into a fresh prefix, the
// tools' order rotated every round, medians. Wall time from spawn to exit (Node start, planning
// and the report included for Archive Sync, because a user waits for them too).
// CPU seconds (and per object: one copy request each, so about the CPU per request) and peak RSS
// come from GNU time when /usr/bin/time exists (peak RSS is the largest single process of the
// run, as wait4 reports it). rclone and the AWS CLI are timed only when
// found on PATH; the bench never installs anything.
// The local S3's own CPU per run (its process, read from /proc) shows the work each tool asks of
// the server: on two shared cores the server and the tool compete for the same CPU.
// Loopback figures: s3rver's per-request cost and two shared cores dominate — read them as
// ratios between tools measured side by side, not as AWS throughput.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { generateArchive, localClient, seedBucket } from '../src/main/dev/fixtures'
import { startS3Server, type LocalS3 } from '../src/main/dev/s3-server'
import { findOnPath, locateS5cmd } from '../src/main/engines/s5cmd/locate'

const CONCURRENCY = 8
const ROUNDS = 5
const SOURCE = 'data.binance.vision'
const FOLDER = 'data/spot/daily/aggTrades/'
const GNU_TIME = '/usr/bin/time'

interface Sample { wall: number; cpu?: number; rssMb?: number; serverCpu?: number; phases?: Record<string, number> }
interface Peer { name: string; run: (prefix: string) => Promise<Sample> }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
async function cpuOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  if (!stat) return undefined
  // Fields after the command name, which is in parentheses and may hold spaces: utime is the 14th, stime the 15th.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}

/** Runs one command to completion; GNU time's `-f` line goes to a file so the tool's own stderr stays apart. */
async function timed(file: string, args: string[], env: NodeJS.ProcessEnv, dir: string, stdin?: string, onStdout?: (line: string, atSec: number) => void): Promise<Sample> {
  const timeFile = join(dir, `time-${process.hrtime.bigint()}.txt`)
  const gnu = existsSync(GNU_TIME)
  const [cmd, argv] = gnu ? [GNU_TIME, ['-o', timeFile, '-f', '%U %S %M', file, ...args]] : [file, args]
  const t0 = performance.now()
  const child = spawn(cmd, argv, { env, stdio: [stdin === undefined ? 'ignore' : 'pipe', onStdout ? 'pipe' : 'ignore', 'pipe'] })
  if (onStdout) createInterface({ input: child.stdout! }).on('line', (l) => onStdout(l, (performance.now() - t0) / 1000))
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)))
  if (stdin !== undefined) child.stdin!.end(stdin)
  const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('close', resolve))
  const wall = (performance.now() - t0) / 1000
  if (code !== 0) throw new Error(`${file} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`)
  if (!gnu) return { wall }
  const [user, sys, kb] = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number)
  return { wall, cpu: user + sys, rssMb: (kb * 1024) / 1e6 }
}

async function countObjects(s3: LocalS3, prefix: string): Promise<number> {
  const client = localClient(s3)
  let n = 0
  let token: string | undefined
  try {
    do {
      const r = await client.send(new ListObjectsV2Command({ Bucket: 'lake', Prefix: prefix, ContinuationToken: token }))
      n += r.KeyCount ?? 0
      token = r.NextContinuationToken
    } while (token)
  } finally {
    client.destroy()
  }
  return n
}

export async function benchPeers(): Promise<{ title: string; rows: Record<string, string>[]; notes: string[] }> {
  const located = await locateS5cmd()
  const s5cmd = located.found && located.supported ? located.path : undefined
  if (!s5cmd) return { title: 'Peers skipped', rows: [], notes: ['s5cmd not found (set S5CMD_PATH or put it on PATH): every ratio is to raw `s5cmd run`'] }
  const s3 = await startS3Server({ buckets: [SOURCE, 'lake'] })
  const dir = await mkdtemp(join(tmpdir(), 'archive-sync-bench-peers-'))
  try {
    const symbols = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'XRPUSDT']
    const archive = generateArchive([{ market: 'spot', frequency: 'daily', dataType: 'aggTrades', symbols, start: '2023-01-01', end: '2023-12-31', rows: 20 }])
    await seedBucket(s3, SOURCE, archive, { concurrency: 32 })
    const creds = { AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: s3.region }
    const { S5CMD_PATH: _s5, AWS_CA_BUNDLE: _ca, ...base } = process.env
    const env = { ...base, ...creds }
    const job = (prefix: string, withS5cmd: boolean) => ({
      enable_s3_direct_sync: true,
      destination_bucket: 'lake',
      destination_prefix: prefix,
      s3_config: { endpoint_url: s3.endpoint, access_key_id: s3.accessKeyId, secret_access_key: s3.secretAccessKey, region: s3.region },
      source: { bucket: SOURCE, endpoint_url: s3.endpoint, region: s3.region },
      markets: ['spot'], symbols, data_types: ['aggTrades'], frequency: 'daily',
      date_range: { start: '2023-01-01', end: '2023-12-31' },
      performance_optimization: { max_concurrent: CONCURRENCY },
      ...(withS5cmd ? { s5cmd_path: s5cmd } : {}),
    })
    const cli = (withS5cmd: boolean) => async (prefix: string) => {
      const file = join(dir, `${prefix}.json`)
      await writeFile(file, JSON.stringify(job(prefix, withS5cmd)))
      // The job's event stream, timestamped as it arrives, splits its wall time: Node start and
      // module loading end at the first line; the first folders' listing, the journal and the
      // route's probe at "Engine:", when copying starts; the rest of the listing goes on beside the
      // copies until "Plan:" (reported apart: it overlaps); copying and its checks end at "Verified".
      const at: Record<string, number> = {}
      const mark = (line: string, t: number) => {
        const e = JSON.parse(line) as { type: string; message?: string }
        at.first ??= t
        if (e.type === 'log' && e.message?.startsWith('Plan:')) at.planned ??= t
        if (e.type === 'log' && e.message?.startsWith('Engine:')) at.engine ??= t
        if (e.type === 'log' && e.message?.startsWith('Verified')) at.verified ??= t
      }
      // The bin file as a program, as a user's `archive-sync` starts (its shebang's flags apply).
      const s = await timed('bin/archive-sync.js', ['run', '--config', file, '--data-dir', join(dir, 'data'), '--json'], env, dir, undefined, mark)
      return { ...s, phases: { 'Node start': at.first, 'first folders listed + probe': at.engine - at.first, 'copying + checks': at.verified - at.engine, 'report + exit': s.wall - at.verified, 'plan complete at (overlaps copying)': at.planned } }
    }
    // The batch the job itself exports, with the command line its header prints.
    const planFile = join(dir, 'plan.txt')
    await writeFile(join(dir, 'plan.json'), JSON.stringify(job('PREFIX', true)))
    await timed('bin/archive-sync.js', ['plan', '--config', join(dir, 'plan.json'), '--data-dir', join(dir, 'data'), '--out', planFile], env, dir)
    const planText = await readFile(planFile, 'utf8')
    const header = planText.split('\n').find((l) => l.startsWith('#   '))!
    const rawArgv = header.slice(4).replace(/ < \S+$/, '').split(' ').slice(1)
    const batch = planText.split('\n').filter((l) => l && !l.startsWith('#')).join('\n')
    const awsConfig = join(dir, 'aws-config')
    await writeFile(awsConfig, `[default]\ns3 =\n  max_concurrent_requests = ${CONCURRENCY}\n`)

    const peers: Peer[] = [
      { name: 'raw `s5cmd run` (exported batch)', run: (p) => timed(s5cmd, rawArgv, env, dir, `${batch.replaceAll('s3://lake/PREFIX/', `s3://lake/${p}/`)}\n`) },
      { name: '`s5cmd cp` wildcard', run: (p) => timed(s5cmd, ['--endpoint-url', s3.endpoint, '--numworkers', String(CONCURRENCY), 'cp', `s3://${SOURCE}/${FOLDER}*`, `s3://lake/${p}/${FOLDER}`], env, dir) },
      { name: 'Archive Sync CLI, s5cmd engine', run: cli(true) },
      { name: 'Archive Sync CLI, SDK engine', run: cli(false) },
    ]
    const rclone = await findOnPath('rclone')
    if (rclone) {
      const rcEnv = { ...env, RCLONE_CONFIG_LOCAL_TYPE: 's3', RCLONE_CONFIG_LOCAL_PROVIDER: 'Other', RCLONE_CONFIG_LOCAL_ENDPOINT: s3.endpoint, RCLONE_CONFIG_LOCAL_ACCESS_KEY_ID: s3.accessKeyId, RCLONE_CONFIG_LOCAL_SECRET_ACCESS_KEY: s3.secretAccessKey, RCLONE_CONFIG_LOCAL_REGION: s3.region }
      peers.push({ name: '`rclone copy` (server-side)', run: (p) => timed(rclone, ['copy', `local:${SOURCE}/${FOLDER}`, `local:lake/${p}/${FOLDER}`, '--transfers', String(CONCURRENCY), '--checkers', String(CONCURRENCY), '--s3-no-check-bucket'], rcEnv, dir) })
    }
    const aws = await findOnPath('aws')
    if (aws) peers.push({ name: '`aws s3 cp --recursive`', run: (p) => timed(aws, ['--endpoint-url', s3.endpoint, 's3', 'cp', '--recursive', '--only-show-errors', `s3://${SOURCE}/${FOLDER}`, `s3://lake/${p}/${FOLDER}`], { ...env, AWS_CONFIG_FILE: awsConfig }, dir) })

    const samples = new Map<string, Sample[]>(peers.map((p) => [p.name, []]))
    const failures: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < peers.length; i++) {
        const peer = peers[(i + round) % peers.length]
        const prefix = `r${round}-p${peers.indexOf(peer)}`
        try {
          const before = await cpuOf(s3.pid)
          const s = await peer.run(prefix)
          const after = await cpuOf(s3.pid)
          if (before !== undefined && after !== undefined) s.serverCpu = after - before
          const landed = await countObjects(s3, `${prefix}/`)
          if (landed !== archive.length) failures.push(`${peer.name}, round ${round + 1}: ${landed} of ${archive.length} objects landed`)
          else samples.get(peer.name)!.push(s)
        } catch (err) {
          failures.push(`${peer.name}, round ${round + 1}: ${(err as Error).message}`)
        }
      }
    }
    const med = (name: string) => median(samples.get(name)!.map((s) => s.wall))
    const raw = med(peers[0].name)
    const wildcard = med(peers[1].name)
    const rows = peers.map((p): Record<string, string> => {
      const s = samples.get(p.name)!
      if (s.length === 0) return { tool: p.name, seconds: 'failed' }
      const m = med(p.name)
      const cpu = s.every((x) => x.cpu !== undefined) ? median(s.map((x) => x.cpu!)).toFixed(2) : 'n/a'
      const rss = s.every((x) => x.rssMb !== undefined) ? median(s.map((x) => x.rssMb!)).toFixed(0) : 'n/a'
      const server = s.every((x) => x.serverCpu !== undefined) ? median(s.map((x) => x.serverCpu!)).toFixed(2) : 'n/a'
      return { tool: p.name, seconds: `${m.toFixed(2)} (${Math.min(...s.map((x) => x.wall)).toFixed(2)}–${Math.max(...s.map((x) => x.wall)).toFixed(2)})`, 'vs raw run': (m / raw).toFixed(2), 'vs wildcard': (m / wildcard).toFixed(2), 'CPU s': cpu, 'CPU ms/object': cpu === 'n/a' ? 'n/a' : ((Number(cpu) * 1000) / archive.length).toFixed(2), 'peak RSS MB': rss, 'local S3 CPU s': server }
    })
    const verdict = (name: string, base: number, baseName: string, budget: number) => {
      if (samples.get(name)!.length === 0) return `${name}: no successful run`
      const r = med(name) / base
      return `${name} / ${baseName} = ${r.toFixed(3)} (budget ≤ ${budget.toFixed(2)}: ${r <= budget ? 'met' : 'MISSED'})`
    }
    const phaseNotes = peers.flatMap((p) => {
      const s = samples.get(p.name)!.filter((x) => x.phases)
      if (s.length === 0) return []
      const keys = Object.keys(s[0].phases!)
      return [`${p.name}, by phase (medians, s): ${keys.map((k) => `${k} ${median(s.map((x) => x.phases![k])).toFixed(2)}`).join(', ')}`]
    })
    const notes = [
      ...phaseNotes,
      verdict(peers[2].name, raw, 'raw `s5cmd run`', 1.05),
      verdict(peers[2].name, wildcard, '`s5cmd cp` wildcard', 1.1),
      verdict(peers[3].name, wildcard, '`s5cmd cp` wildcard', 1.25),
      ...(rclone ? [] : ['rclone not on PATH: its row is left out']),
      ...(aws ? [] : ['aws not on PATH: its row is left out']),
      ...failures.map((f) => `not counted: ${f}`),
    ]
    return { title: `Peers: whole job, ${archive.length} objects (spot aggTrades, 4 symbols × 365 days, zip + .CHECKSUM), concurrency ${CONCURRENCY}, median of ${ROUNDS} rotated rounds`, rows, notes }
  } finally {
    await s3.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
