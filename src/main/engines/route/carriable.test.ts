// The one carriability rule: which tasks s5cmd may carry, and why the others go to the SDK.
import { describe, expect, it } from 'vitest'
import { COPY_OBJECT_LIMIT } from '../part-copy'
import type { CopyTask } from '../types'
import { keyProblem, partitionTasks } from './carriable'

const task = (id: number, sourceKey: string, destKey = `x/${sourceKey}`, size = 10): CopyTask => ({ id, sourceKey, destKey, size })

describe('keyProblem', () => {
  it.each(['data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip', 'a/*[x].zip', 'a~b!(c)%d^e{f}|g<h>.zip', 'é/币安人生USDT.zip'])('carries %s', (k) => {
    expect(keyProblem(k)).toBeNull()
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
    expect(keyProblem(k)).toContain(shown)
  })

  it('routes empty keys and prefix-looking keys away', () => {
    expect(keyProblem('')).toBe('empty key')
    expect(keyProblem('dir/')).toMatch(/prefix/)
  })
})

describe('partitionTasks', () => {
  it('splits carriable tasks from the rest, with reasons (key or size)', () => {
    const tasks = [task(1, 'ok.zip'), task(2, 'bad key.zip'), task(3, 'big.zip', 'x/big.zip', COPY_OBJECT_LIMIT + 1), task(4, 'ok2.zip', 'x/it\'s.zip')]
    const { carry, route } = partitionTasks(tasks)
    expect(carry.map((t) => t.id)).toEqual([1])
    expect(route.map((r) => r.task.id)).toEqual([2, 3, 4])
    expect(route[1]!.reason).toMatch(/5 GB/)
  })
})
