import { describe, expect, it } from 'vitest'
import type { CopyTask } from '../types'
import { MAX_COPY_OBJECT_BYTES, batchText, canCarry, cpLine, exportBatch, globalArgs, keyProblem, partitionTasks, shellQuote } from './batch'

const task = (id: number, sourceKey: string, destKey = `x/${sourceKey}`, size = 10): CopyTask => ({ id, sourceKey, destKey, size })
const opts = { sourceBucket: 'src', destinationBucket: 'dst', version: 'v2.2.2-48f7e59' }

/** A POSIX-shell-style splitter (what go-shellquote does for single quotes and backslashes). */
function posixSplit(line: string): string[] {
  const out: string[] = []
  let cur: string | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) throw new Error('unterminated quote')
      cur = (cur ?? '') + line.slice(i + 1, end)
      i = end
    } else if (c === '\\') cur = (cur ?? '') + line[++i]
    else if (c === ' ') {
      if (cur !== null) out.push(cur)
      cur = null
    } else cur = (cur ?? '') + c
  }
  if (cur !== null) out.push(cur)
  return out
}

describe('shellQuote', () => {
  it.each(["it's", "''", 'a b', '*?[x]', '$(rm -rf /)', '`x`', 'back\\slash', 'plain'])('round-trips %s through POSIX splitting', (s) => {
    expect(posixSplit(shellQuote(s))).toEqual([s])
  })

  it("turns ' into '\\''", () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'")
  })
})

describe('cpLine', () => {
  it('2.2.2: --raw=true, no --metadata-directive (the flag arrived in 2.3.0)', () => {
    expect(cpLine(task(1, 'data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip'), opts)).toBe(
      "cp --raw=true 's3://src/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip' 's3://dst/x/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip'",
    )
  })

  it('2.3.0+: --metadata-directive COPY; --source-region when given', () => {
    expect(cpLine(task(1, 'k'), { ...opts, version: 'v2.3.0-991c9fb', sourceRegion: 'ap-northeast-1' })).toBe(
      "cp --raw=true --source-region 'ap-northeast-1' --metadata-directive COPY 's3://src/k' 's3://dst/x/k'",
    )
  })

  it('keys with glob characters and quotes survive s5cmd-style splitting intact', () => {
    for (const key of ['a/*?[x].zip', "it's.zip", 'a b.zip']) {
      const fields = posixSplit(cpLine(task(1, key), opts))
      expect(fields).toEqual(['cp', '--raw=true', `s3://src/${key}`, `s3://dst/x/${key}`])
    }
  })
})

describe('canCarry / keyProblem', () => {
  it.each(['data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip', 'a/*[x].zip', 'a~b!(c)%d^e{f}|g<h>.zip', 'é/币安人生USDT.zip'])('carries %s', (k) => {
    expect(canCarry(k)).toBe(true)
  })

  it.each([
    ['a b.zip', 'U+0020'],
    ["it's.zip", `"'"`],
    ['say"hi".zip', '"""'],
    ['tab\there', 'U+0009'],
    ['new\nline', 'U+000A'],
    ['cr\rx', 'U+000D'],
    ['nbsp\u00a0x', 'U+00A0'],
    ['zw\u200bx', 'U+200B'],
    ['nul\u0000x', 'U+0000'],
    ['del\u007fx', 'U+007F'],
    ['back\\slash', '"\\"'],
    ['tick`x', '"`"'],
    ...[...'#$&+,:;=?@'].map((c) => [`a${c}b.zip`, `"${c}"`]),
  ])('routes %j away (%s)', (k, shown) => {
    expect(canCarry(k)).toBe(false)
    expect(keyProblem(k)).toContain(shown)
  })

  it('routes empty keys and prefix-looking keys away', () => {
    expect(keyProblem('')).toBe('empty key')
    expect(keyProblem('dir/')).toMatch(/prefix/)
  })
})

describe('partitionTasks / batchText', () => {
  it('splits carriable tasks from the rest, with reasons (key or size)', () => {
    const tasks = [task(1, 'ok.zip'), task(2, 'bad key.zip'), task(3, 'big.zip', 'x/big.zip', MAX_COPY_OBJECT_BYTES + 1), task(4, 'ok2.zip', 'x/it\'s.zip')]
    const { carry, route } = partitionTasks(tasks)
    expect(carry.map((t) => t.id)).toEqual([1])
    expect(route.map((r) => r.task.id)).toEqual([2, 3, 4])
    expect(route[1]!.reason).toMatch(/5 GB/)
  })

  it('one line per task, line i = task i, no blank or comment lines', () => {
    const text = batchText([task(1, 'a'), task(2, 'b')], opts)
    expect(text.split('\n')).toEqual(["cp --raw=true 's3://src/a' 's3://dst/x/a'", "cp --raw=true 's3://src/b' 's3://dst/x/b'", ''])
  })

  it('refuses a key that cannot be carried rather than write a dangerous line', () => {
    expect(() => batchText([task(1, 'a\nrun evil')], opts)).toThrow(/cannot go to s5cmd/)
  })
})

describe('globalArgs', () => {
  it('global flags before run; endpoint only when set', () => {
    expect(globalArgs({ numWorkers: 10, retryCount: 3 })).toEqual(['--json', '--log', 'debug', '--numworkers', '10', '--retry-count', '3', 'run'])
    expect(globalArgs({ numWorkers: 4, retryCount: 1, endpointUrl: 'http://127.0.0.1:9000' })).toEqual([
      '--json', '--log', 'debug', '--numworkers', '4', '--retry-count', '1', '--endpoint-url', 'http://127.0.0.1:9000', 'run',
    ])
  })
})

describe('exportBatch', () => {
  it('returns the exact batch and a command line, with credential variable names only', () => {
    const ex = exportBatch([task(1, 'a'), task(2, 'b c')], {
      ...opts,
      numWorkers: 8,
      retryCount: 3,
      endpointUrl: 'http://127.0.0.1:9000',
      binary: '/opt/my tools/s5cmd',
      destination: { bucket: 'dst', region: 'us-east-1', credentials: { accessKeyId: 'AKIDSECRET', secretAccessKey: 'VERYSECRET' } },
    })
    expect(ex.batch).toBe("cp --raw=true 's3://src/a' 's3://dst/x/a'\n")
    expect(ex.commandLine).toBe(
      "'/opt/my tools/s5cmd' --json --log debug --numworkers 8 --retry-count 3 --endpoint-url http://127.0.0.1:9000 run < batch.txt",
    )
    expect(ex.env).toEqual(['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
    expect(ex.routed).toEqual([{ id: 2, reason: expect.stringContaining('U+0020') }])
    expect(JSON.stringify(ex)).not.toMatch(/AKIDSECRET|VERYSECRET/)
  })
})
