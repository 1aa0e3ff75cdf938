import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeDir, makeFakeDir, versionScript } from './fake-binary.testkit'
import { compareVersions, isSupportedVersion, locateS5cmd, parseVersion, versionAtLeast } from './locate'

describe('parseVersion (format of version.GetHumanVersion: v<tag>-<commit>)', () => {
  it.each([
    ['v2.2.2-48f7e59', { major: 2, minor: 2, patch: 2, commit: '48f7e59' }],
    ['v2.3.0-991c9fb\n', { major: 2, minor: 3, patch: 0, commit: '991c9fb' }],
    ['v0.0.0-dev', { major: 0, minor: 0, patch: 0, commit: 'dev' }],
    ['v2.1.0-beta.1-abc1234', { major: 2, minor: 1, patch: 0, pre: 'beta.1', commit: 'abc1234' }],
    ['v2.1.0-beta.1', { major: 2, minor: 1, patch: 0, pre: 'beta.1' }],
    ['2.2.2', { major: 2, minor: 2, patch: 2 }],
    ['v10.20.30-', { major: 10, minor: 20, patch: 30 }],
  ])('%j', (text, want) => {
    expect(parseVersion(text)).toEqual(want)
  })

  it.each(['', 's5cmd', 'version unknown', 'v2.2'])('%j → null', (text) => {
    expect(parseVersion(text)).toBeNull()
  })
})

describe('compareVersions / isSupportedVersion', () => {
  const v = (s: string) => parseVersion(s)!
  it('orders by major, minor, patch; pre-release before release; commit ignored', () => {
    expect(compareVersions(v('2.2.2'), v('2.2.2'))).toBe(0)
    expect(compareVersions(v('v2.2.2-48f7e59'), v('v2.2.2-0000000'))).toBe(0)
    expect(compareVersions(v('2.2.10'), v('2.2.9'))).toBe(1)
    expect(compareVersions(v('2.10.0'), v('2.9.9'))).toBe(1)
    expect(compareVersions(v('1.9.9'), v('2.0.0'))).toBe(-1)
    expect(compareVersions(v('v2.2.2-rc.1-abc1234'), v('2.2.2'))).toBe(-1)
    expect(compareVersions(v('2.2.2'), v('v2.2.2-rc.1-abc1234'))).toBe(1)
  })

  it.each([
    ['v2.2.2-48f7e59', true],
    ['v2.3.0-991c9fb', true],
    ['v3.0.0-aaaaaaa', true],
    ['v2.2.1-1234567', false],
    ['v2.1.0-beta.1-abc1234', false],
    ['v2.2.2-rc.1-abc1234', false],
    ['v0.0.0-dev', false],
    ['garbage', false],
  ])('%s supported: %s', (text, ok) => {
    expect(isSupportedVersion(text)).toBe(ok)
  })

  it('versionAtLeast gates --metadata-directive at 2.3.0', () => {
    expect(versionAtLeast('v2.2.2-48f7e59', '2.3.0')).toBe(false)
    expect(versionAtLeast('v2.3.0-991c9fb', '2.3.0')).toBe(true)
  })
})

// Plumbing only: fake executables that print a version, to test where we look and what we return.
describe('locateS5cmd (fake binaries)', () => {
  let fake: FakeDir
  let good: string
  let old: string
  beforeAll(async () => {
    fake = await makeFakeDir()
    good = await fake.script('s5cmd', versionScript('v2.2.2-48f7e59'))
    old = await fake.script('old-s5cmd', versionScript('v2.1.0-abcdef0'))
  })
  afterAll(() => fake.remove())

  it('finds s5cmd on PATH', async () => {
    expect(await locateS5cmd({ env: { PATH: `/nonexistent:${fake.dir}` } })).toEqual({ found: true, path: good, version: 'v2.2.2-48f7e59', supported: true })
  })

  it('S5CMD_PATH wins over PATH; the explicit setting wins over both', async () => {
    expect(await locateS5cmd({ env: { PATH: fake.dir, S5CMD_PATH: old } })).toMatchObject({ found: true, path: old, supported: false, reason: expect.stringMatching(/older than 2.2.2/) })
    expect(await locateS5cmd({ explicitPath: good, env: { PATH: '', S5CMD_PATH: old } })).toMatchObject({ path: good, supported: true })
  })

  it('an explicit path that is broken is reported, not silently replaced', async () => {
    const r = await locateS5cmd({ explicitPath: `${fake.dir}/missing`, env: { PATH: fake.dir } })
    expect(r).toEqual({ found: false, reason: expect.stringMatching(/^s5cmd_path: .*not an executable file/) })
  })

  it('nothing anywhere → RE001-style reason', async () => {
    expect(await locateS5cmd({ env: { PATH: '/nonexistent' } })).toEqual({ found: false, reason: expect.stringMatching(/not found in PATH/) })
  })

  it('a binary that hangs on `version` times out', async () => {
    const hang = await fake.script('hang', 'setInterval(() => {}, 1000)')
    const r = await locateS5cmd({ explicitPath: hang, timeoutMs: 300 })
    expect(r).toEqual({ found: false, reason: expect.stringMatching(/did not answer within 300 ms/) })
  })

  it('a binary that fails or prints something else', async () => {
    const fails = await fake.script('fails', 'process.stderr.write("boom\\n"); process.exit(4)')
    expect(await locateS5cmd({ explicitPath: fails })).toMatchObject({ found: false, reason: expect.stringMatching(/exited with 4: boom/) })
    const odd = await fake.script('odd', versionScript('hello'))
    expect(await locateS5cmd({ explicitPath: odd })).toMatchObject({ found: true, supported: false, reason: expect.stringMatching(/unrecognised/) })
  })
})
