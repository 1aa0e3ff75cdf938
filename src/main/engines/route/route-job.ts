// The route's one door for a job: choose the mode, confirm it against the archive with the first
// object still to copy, and build the engine for it. The job logs the route's reason and
// fallbacks and reads the rest (batches, per-task fallbacks, meter) from the engine.
import type { JobConfig } from '../../../shared/config/validate'
import type { Endpoint } from '../../s3/clients'
import type { S5cmdLocation } from '../s5cmd/locate'
import type { TransferEngine } from '../types'
import { chooseRoute, type Route } from './choose-route'
import { confirmRoute } from './confirm-route'
import { createEngine } from './create-engine'

export interface JobRoute {
  config: JobConfig
  source: Endpoint
  destination: Endpoint
  s5cmd: S5cmdLocation
  /** The first object still to copy; none (all done) skips the probe. */
  firstKey?: string
  signal: AbortSignal
}

export async function routeJob(j: JobRoute): Promise<{ route: Route; engine: TransferEngine }> {
  const chosen = chooseRoute(j.config, j.source, j.destination, j.s5cmd)
  const route =
    j.firstKey === undefined ? chosen : await confirmRoute({ route: chosen, source: j.source, key: j.firstKey, downloading: Boolean(j.config.output_directory), signal: j.signal })
  return { route, engine: createEngine(route.engine, j.config, j.source, j.destination, j.s5cmd) }
}
