// `plan --out batch.txt`: the plan as an s5cmd run file. Written by the same settings, invocation
// builder and carriability rule a real run of this job uses, so the command line, the variables
// to set and every `cp` line are the ones the engine would run.
import type { JobConfig } from '../../../shared/config/validate'
import type { Plan } from '../../../shared/plan'
import { destinationEndpoint, sourceEndpoint } from '../../s3/clients'
import { buildInvocation, exportBatch } from '../s5cmd/invocation'
import { isUsable, MIN_SUPPORTED_VERSION, type S5cmdLocation } from '../s5cmd/locate'
import { s5cmdOptions } from './create-engine'

/** The s5cmd batch for the objects still to copy; keys s5cmd cannot carry are listed as comments. */
export function s5cmdRunFile(config: JobConfig, plan: Pick<Plan, 'tasks'>, s5cmd: S5cmdLocation): string {
  // The lines depend on the version (`--metadata-directive` exists from 2.3.0): the one found here,
  // else the oldest supported, whose lines every supported s5cmd accepts.
  const usable = isUsable(s5cmd)
  const version = usable ? s5cmd.version : MIN_SUPPORTED_VERSION
  // The file may run on another machine (near the buckets): the command names `s5cmd` on its PATH.
  const opts = s5cmdOptions(config, sourceEndpoint(config), destinationEndpoint(config), { path: 's5cmd', version })
  const e = exportBatch(buildInvocation(opts), plan.tasks.filter((t) => !t.skip), { binary: opts.binary })
  const head = [
    `# Archive Sync plan: ${e.batch.split('\n').length - 1} objects. Run with:`,
    `#   ${e.commandLine}`,
    `# with ${e.env.join(', ')} set in the environment (credentials are never written here).`,
    usable ? `# Lines written for s5cmd ${s5cmd.version} (found at ${s5cmd.path}).` : `# Lines written for s5cmd ${MIN_SUPPORTED_VERSION}: no usable s5cmd here (${s5cmd.reason ?? 'unsupported version'}).`,
    ...e.routed.map((r) => `# not carried by s5cmd (copy these with the SDK): task ${r.id}: ${r.reason}`),
  ]
  return `${head.join('\n')}\n${e.batch}`
}
