// include_patterns / exclude_patterns: fnmatch semantics on file names (`*`, `?`, `[seq]`,
// `[!seq]`), matched against the zip's basename. Patterns are data from the user: compiled, never run.
import picomatch from 'picomatch'
import type { JobConfig } from '../../shared/config/validate'

// fnmatch negates a class with `[!…]`; picomatch wants `[^…]` there.
const toPicomatch = (p: string): string => p.replaceAll('[!', '[^')

export function nameFilter(config: Pick<JobConfig, 'include_patterns' | 'exclude_patterns'>): (name: string) => boolean {
  const opts = { dot: true, nobrace: true, noextglob: true, noglobstar: true }
  const include = config.include_patterns.length > 0 ? picomatch(config.include_patterns.map(toPicomatch), opts) : () => true
  const exclude = config.exclude_patterns.length > 0 ? picomatch(config.exclude_patterns.map(toPicomatch), opts) : () => false
  return (name) => include(name) && !exclude(name)
}
