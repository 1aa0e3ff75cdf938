// Find the s5cmd binary and tell whether it is new enough (spec §4.2.1: 2.2.2 or higher, RE001).
// s5cmd is not on npm or in Debian: users install the release binary, so we look where they put it.
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { delimiter, isAbsolute, join, resolve } from 'node:path'

export const MIN_SUPPORTED_VERSION = '2.2.2'
/** `cp --metadata-directive` first shipped in 2.3.0; older versions reject the flag. */
export const METADATA_DIRECTIVE_VERSION = '2.3.0'

/** The one answer to "is there an s5cmd, and can we use it": what the route decides from. */
export type S5cmdLocation =
  | { found: true; path: string; version: string; supported: boolean; reason?: string }
  | { found: false; reason: string }

export type UsableS5cmd = Extract<S5cmdLocation, { found: true }> & { supported: true }

export const isUsable = (s5cmd: S5cmdLocation): s5cmd is UsableS5cmd => s5cmd.found && s5cmd.supported

export interface ParsedVersion {
  major: number
  minor: number
  patch: number
  /** Pre-release tag (`beta.1`), if any: it sorts before the release. */
  pre?: string
  /** The build's git commit (`48f7e59`), or `dev` for an unstamped build. */
  commit?: string
}

// `s5cmd version` prints version.GetHumanVersion(): `v` + tag + `-` + GitCommit, e.g.
// `v2.2.2-48f7e59` (release builds), `v0.0.0-dev` (a plain `go build`), `v2.1.0-beta.1-abc1234`.
const VERSION_RE = /v?(\d+)\.(\d+)\.(\d+)((?:-[0-9A-Za-z.]*)*)/

/** Parse the output of `s5cmd version` (or a bare `2.2.2`); null when no version is in it. */
export function parseVersion(text: string): ParsedVersion | null {
  const m = VERSION_RE.exec(text.trim())
  if (!m) return null
  const v: ParsedVersion = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) }
  const parts = (m[4] ?? '').split('-').slice(1)
  // The last dash segment is the commit when it looks like one; whatever precedes it is a pre-release.
  const last = parts.at(-1)
  if (last !== undefined && (/^[0-9a-f]{7,40}$/i.test(last) || last === 'dev' || last === '')) {
    parts.pop()
    if (last !== '') v.commit = last
  }
  if (parts.length > 0) v.pre = parts.join('-')
  return v
}

/** Semver order on major.minor.patch; a pre-release sorts before its release. The commit is ignored. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch
  if (d !== 0) return Math.sign(d)
  if (a.pre === b.pre) return 0
  if (a.pre === undefined) return 1
  if (b.pre === undefined) return -1
  return a.pre < b.pre ? -1 : 1
}

/** True when `version` (any text `parseVersion` reads) is at least `min`. Unreadable → false. */
export function versionAtLeast(version: string, min: string): boolean {
  const a = parseVersion(version)
  const b = parseVersion(min)
  return a !== null && b !== null && compareVersions(a, b) >= 0
}

export const isSupportedVersion = (version: string): boolean => versionAtLeast(version, MIN_SUPPORTED_VERSION)

export interface LocateOptions {
  /** The `s5cmd_path` setting: when set, it is the only place looked at. */
  explicitPath?: string
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
}

async function isExecutableFile(p: string): Promise<boolean> {
  try {
    if (!(await stat(p)).isFile()) return false
    await access(p, process.platform === 'win32' ? constants.F_OK : constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** First `name` on PATH (with PATHEXT on Windows), like a shell would pick it. */
export async function findOnPath(name = 's5cmd', env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : ['']
  for (const dir of dirs)
    for (const ext of exts) {
      const candidate = join(dir, `${name}${ext.toLowerCase()}`)
      if (await isExecutableFile(candidate)) return candidate
    }
  return undefined
}

/** Run `<path> version` and judge it. Never throws: a broken binary is "not found" with the reason. */
async function probeBinary(path: string, timeoutMs = 5_000): Promise<S5cmdLocation> {
  if (!(await isExecutableFile(path))) return { found: false, reason: `${path} is not an executable file` }
  try {
    // Loaded here, not at the CLI's start: ~100 ms of module loading that a job overlaps with its
    // listing, since s5cmd is looked up while the plan is listed (job-manager.ts).
    const { execa } = await import('execa')
    // shell:false (execa's default): the path is an argument, not a command line.
    const r = await execa(path, ['version'], { timeout: timeoutMs, reject: false, stdin: 'ignore', windowsHide: true })
    if (r.timedOut) return { found: false, reason: `${path} version did not answer within ${timeoutMs} ms` }
    if (r.exitCode !== 0) return { found: false, reason: `${path} version exited with ${r.exitCode ?? r.signal}: ${String(r.stderr).trim().slice(0, 200)}` }
    const out = String(r.stdout).trim().split(/\r?\n/)[0] ?? ''
    const parsed = parseVersion(out)
    if (!parsed) return { found: true, path, version: out, supported: false, reason: `unrecognised version output "${out.slice(0, 80)}"` }
    const supported = isSupportedVersion(out)
    const version = out.replace(/^v?/, 'v')
    if (supported) return { found: true, path, version, supported }
    const why = parsed.commit === 'dev' && parsed.major === 0 ? 'an unversioned development build' : `older than ${MIN_SUPPORTED_VERSION}`
    return { found: true, path, version, supported, reason: `s5cmd ${version} is ${why}` }
  } catch (err) {
    return { found: false, reason: `${path} could not be run: ${(err as Error).message}` }
  }
}

/**
 * Look for s5cmd: the `s5cmd_path` setting, else `S5CMD_PATH`, else PATH. A path the user set
 * explicitly is authoritative: if it is broken we say so rather than silently run another binary.
 */
export async function locateS5cmd(opts: LocateOptions = {}): Promise<S5cmdLocation> {
  const env = opts.env ?? process.env
  const explicit = opts.explicitPath?.trim() || undefined
  const fromEnv = env.S5CMD_PATH?.trim() || undefined
  const chosen = explicit ?? fromEnv
  if (chosen) {
    const path = isAbsolute(chosen) ? chosen : resolve(chosen)
    const r = await probeBinary(path, opts.timeoutMs)
    const origin = explicit ? 's5cmd_path' : 'S5CMD_PATH'
    return r.found ? r : { found: false, reason: `${origin}: ${r.reason}` }
  }
  const onPath = await findOnPath('s5cmd', env)
  if (!onPath) return { found: false, reason: 's5cmd tool not found in PATH (set s5cmd_path or S5CMD_PATH)' }
  return probeBinary(onPath, opts.timeoutMs)
}
