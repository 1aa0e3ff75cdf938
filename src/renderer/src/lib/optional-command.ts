// Commands another part of the app may add later (jobs:resume). The UI offers them only when
// the contract has them, so a build without them hides the button instead of failing on click.
import { commands } from '../../../shared/contract'

export function hasCommand(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(commands, name)
}

type Loose = Record<string, Record<string, ((req: unknown) => Promise<unknown>) | undefined> | undefined>

/** The grouped API's function for `domain:verb`, or null when the contract lacks it. */
export function optionalCommand(api: object, name: string): ((req: unknown) => Promise<unknown>) | null {
  if (!hasCommand(name)) return null
  const [domain, verb] = name.split(':')
  return (api as Loose)[domain]?.[verb] ?? null
}
