// `archive-sync plan --config job.json [--json]`: what would be copied, without copying.
import { makePlan } from '../plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { loadConfig } from './load-config'
import { bytes, duration } from './progress'

export async function planCommand(args: { config?: string; json?: boolean }): Promise<number> {
  const config = await loadConfig(args.config)
  const source = makeS3Client(sourceEndpoint(config))
  const destination = config.output_directory ? undefined : makeS3Client(destinationEndpoint(config))
  try {
    const plan = await makePlan(config, { source, destination })
    const s = plan.summary
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ ...s, missingKeys: plan.missingKeys, listRequests: plan.listRequests })}\n`)
      return 0
    }
    process.stdout.write(`${s.objects} objects, ${bytes(s.bytes)}: ${s.toCopy} to copy (${bytes(s.toCopyBytes)}), ${s.alreadyThere} already there, ${s.changed} changed, ${s.missing} missing from the archive\n`)
    const e = s.estimate
    if (e)
      process.stdout.write(
        `Estimate (${e.mode}): ${e.requests.list} LIST, ${e.requests.copy} COPY, ${e.requests.get} GET, ${e.requests.put} PUT ≈ $${e.costUsd.toFixed(4)}; time ${e.seconds === null ? 'unknown until a job is measured' : duration(e.seconds)} (${e.basis})\n`,
      )
    for (const d of s.byDataset) process.stdout.write(`  ${d.dataset} ${d.symbol}: ${d.objects} objects, ${bytes(d.bytes)}, ${d.missing} missing\n`)
    for (const k of plan.missingKeys.slice(0, 50)) process.stdout.write(`  missing ${k}\n`)
    return 0
  } finally {
    source.destroy()
    destination?.destroy()
  }
}
