// Test-only: a process of its own that runs the s5cmd engine, so a test can kill -9 it like a
// crashed app. Options and tasks arrive as JSON in ENGINE_CHILD; every result leaves on stdout as
// one JSON line, and `{"started":n}` when a batch is handed to s5cmd. Run with `node --import tsx`.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { CopyTask } from '../types'
import { createS5cmdEngine, type S5cmdEngineOptions } from './engine'

export interface EngineChildInput {
  options: S5cmdEngineOptions
  tasks: CopyTask[]
}

/** Starts the engine in a child Node process; its TMPDIR is `tmp`, so its temp folders are the test's. */
export function startEngineChild(input: EngineChildInput, tmp: string): ChildProcess {
  const self = fileURLToPath(import.meta.url)
  return spawn(process.execPath, ['--import', 'tsx', self], {
    env: { ...process.env, ENGINE_CHILD: JSON.stringify(input), TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

/** Running processes (zombies left out: a zombie has ended) whose parent is `ppid` and whose command line holds `needle` (Linux and macOS `ps`). */
export async function childrenOf(ppid: number, needle = ''): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='])
  return stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, parent, stat, ...args]) => pid && Number(parent) === ppid && !stat?.startsWith('Z') && args.join(' ').includes(needle))
    .map(([pid]) => Number(pid))
}

/** Whether `pid` is still running (a zombie is not). */
export async function running(pid: number): Promise<boolean> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'stat=', '-p', String(pid)]).catch(() => ({ stdout: '' }))
  return stdout.trim() !== '' && !stdout.trim().startsWith('Z')
}

if (process.env.ENGINE_CHILD && process.argv[1] === fileURLToPath(import.meta.url)) {
  const input = JSON.parse(process.env.ENGINE_CHILD) as EngineChildInput
  const engine = createS5cmdEngine(input.options)
  const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`)
  await engine.run(input.tasks, {
    signal: new AbortController().signal,
    onResult: say,
    onStart: (ids) => say({ started: ids.length }),
    log: () => undefined,
  })
}
