// Test-only: writes tiny executables that stand in for s5cmd to exercise PROCESS PLUMBING
// (locating, streaming, exit codes, signals). They print lines recorded from the real s5cmd,
// but they are not evidence of how s5cmd behaves: the real-binary test is engine.real.test.ts.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FakeDir {
  dir: string
  /** Write an executable Node script named `name` with this body; returns its path. */
  script(name: string, body: string): Promise<string>
  remove(): Promise<void>
}

export async function makeFakeDir(): Promise<FakeDir> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-s5cmd-'))
  return {
    dir,
    async script(name, body) {
      const path = join(dir, name)
      await writeFile(path, `#!${process.execPath}\n${body}\n`)
      await chmod(path, 0o755)
      return path
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}

/** A script that prints `text` for `version` and exits 0. */
export const versionScript = (text: string): string =>
  `if (process.argv[2] === 'version') { process.stdout.write(${JSON.stringify(text)} + '\\n'); process.exit(0) } process.exit(3)`

/**
 * A fake `s5cmd ... run`: like s5cmd, answers lines as they arrive on stdin (the engine feeds a
 * few at a time), splits them with single-quote rules, and answers each chunk read in REVERSE
 * order (s5cmd's output is unordered). The key decides the answer:
 * `nope` → NoSuchKey on stderr, `skip` → debug skip line, `silent` → nothing, `refuse` → a
 * bad-line error for that line number, `denied` → AccessDenied. Exit 1 if anything failed.
 * FAKE_MODE=hang: print the first answer, ignore SIGTERM and never exit (tests SIGKILL).
 * FAKE_MODE=term: print the first answer, then wait; exit 0 on SIGTERM.
 * FAKE_MODE=env: print argv and the AWS variables as one JSON line, then answer normally.
 * FAKE_MODE=crash: answer the first line, then exit 2.
 */
export const runScript = `
const mode = process.env.FAKE_MODE || ''
const split = (line) => { const out = []; let cur = null
  for (let i = 0; i < line.length; i++) { const c = line[i]
    if (c === "'") { const e = line.indexOf("'", i + 1); cur = (cur ?? '') + line.slice(i + 1, e); i = e }
    else if (c === '\\\\') cur = (cur ?? '') + line[++i]
    else if (c === ' ') { if (cur !== null) out.push(cur); cur = null } else cur = (cur ?? '') + c }
  if (cur !== null) out.push(cur); return out }
if (mode === 'env') {
  const env = {}; for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) env[k] = process.env[k]
  process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), env, pid: process.pid }) + '\\n')
}
const say = ([where, obj]) => (where === 'out' ? process.stdout : process.stderr).write(JSON.stringify(obj) + '\\n')
const answer = (line, n) => {
  const f = split(line); const src = f[f.length - 2]; const dst = f[f.length - 1]
  if (src.includes('refuse')) return ['err', { operation: 'run', command: 'run', error: '"bogus" command (line: ' + n + ') not found' }]
  if (src.includes('nope')) { failed = true; return ['err', { operation: 'cp', command: 'cp ' + src + ' ' + dst, error: 'NoSuchKey: The specified key does not exist. status code: 404, request id: , host id:' }] }
  if (src.includes('denied')) { failed = true; return ['err', { operation: 'cp', command: 'cp ' + src + ' ' + dst, error: 'AccessDenied: Access Denied status code: 403, request id: , host id:' }] }
  if (src.includes('skip')) return ['out', { operation: 'cp', job: 'cp ' + src + ' ' + dst, error: 'object size matches' }]
  if (src.includes('silent')) return null
  return ['out', { operation: 'cp', success: true, source: src, destination: dst, object: { key: dst, type: 'file' } }]
}
let failed = false; let pending = ''; let lineNo = 0; let first = true; let stopped = false
process.stdin.setEncoding('utf8').on('data', (d) => {
  if (stopped) return
  const parts = (pending + d).split('\\n'); pending = parts.pop()
  const answers = parts.filter(Boolean).map((l) => answer(l, lineNo++)).filter(Boolean).reverse()
  if (answers.length === 0) return
  if (mode === 'hang' || mode === 'term') {
    stopped = true
    say(answers[0]); process.stdout.write(JSON.stringify({ pid: process.pid }) + '\\n')
    process.on('SIGTERM', () => { if (mode === 'term') process.exit(0) })
    setInterval(() => {}, 1000); return
  }
  if (mode === 'crash') { say(answers[0]); process.exit(2) }
  if (first) { first = false; process.stdout.write('{"error":"retryable error: RequestError: send request failed"}\\n'); process.stdout.write('this is not json\\n') }
  for (const a of answers) say(a)
}).on('end', () => { if (!stopped) process.exitCode = failed ? 1 : 0 })
`
