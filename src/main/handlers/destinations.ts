// destinations:* — destinations saved by name in the data folder (no endpoint from a connection).
import { DestinationStore } from '../destinations/destination-store'
import type { DomainHandlers, Services } from './types'

export function destinationsHandlers(s: Services): DomainHandlers<'destinations'> {
  const store = new DestinationStore(s.dataDir)
  return {
    'destinations:list': async () => ({ destinations: await store.list() }),
    'destinations:save': async ({ destination }) => ({ destinations: await store.save(destination) }),
    'destinations:delete': async ({ name }) => ({ destinations: await store.delete(name) }),
  }
}
