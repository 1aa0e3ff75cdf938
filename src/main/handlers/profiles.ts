// profiles:* — AWS profile names and regions of this machine; the keys never leave main.
import { readAwsProfiles } from '../profiles/read-profiles'
import type { DomainHandlers, Services } from './types'

export function profilesHandlers(s: Services): DomainHandlers<'profiles'> {
  return {
    'profiles:list': async () => ({ profiles: await readAwsProfiles(s.env) }),
  }
}
