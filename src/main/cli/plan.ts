// `archive-sync plan --config job.json [--json] [--out manifest.csv | batch.txt]`: what would be
// copied, without copying; optionally written as a file another tool runs.
import { writeFile } from 'node:fs/promises'
import { formatBytes, formatDuration, formatUsd } from '../../shared/format'
import { s5cmdRunFile } from '../engines/route/run-file'
import { locateS5cmd } from '../engines/s5cmd/locate'
import { splitForBatch } from '../batch-ops/submit'
import { manifestCsv, manifestCsvOf } from '../plan/export-plan'
import { makePlan } from '../plan/make-plan'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { CliExit, loadConfig } from './load-config'

export async function planCommand(args: { config?: string; json?: boolean; out?: string }): Promise<number> {
  const config = await loadConfig(args.config)
  if (args.out && !/\.(csv|txt)$/.test(args.out)) throw new CliExit(2, `--out takes a .csv (S3 Batch Operations manifest) or a .txt (s5cmd run file), not ${args.out}`)
  const source = makeS3Client(sourceEndpoint(config))
  const destination = config.output_directory ? undefined : makeS3Client(destinationEndpoint(config))
  try {
    const plan = await makePlan(config, { source, destination })
    const s = plan.summary
    // Batch Operations copies at most 5 GB per object: the plan says which go to the SDK's part copy instead.
    const batch = config.operation_mode === 'batch_operations' ? splitForBatch(plan.tasks.filter((t) => !t.skip)) : undefined
    if (args.out) {
      // A run file is asked for by name: look for s5cmd whatever the job's mode, for the version its lines are written for.
      const csv = batch ? manifestCsvOf(config.source.bucket, batch.batch) : manifestCsv(config, plan)
      const text = args.out.endsWith('.csv') ? csv : s5cmdRunFile(config, plan, await locateS5cmd({ explicitPath: config.s5cmd_path }))
      await writeFile(args.out, text)
      process.stderr.write(`Wrote ${s.toCopy} objects to ${args.out}\n`)
    }
    if (args.json) {
      const batchFigures = batch ? { batchOperations: { objects: batch.batch.length, partCopyObjects: batch.partCopy.length, partCopyKeys: batch.partCopy.map((t) => t.sourceKey) } } : {}
      process.stdout.write(`${JSON.stringify({ ...s, missingKeys: plan.missingKeys, extraneousKeys: plan.extraneousKeys, listRequests: plan.listRequests, ...batchFigures })}\n`)
      return 0
    }
    process.stdout.write(`${s.objects} objects, ${formatBytes(s.bytes)}: ${s.toCopy} to copy (${formatBytes(s.toCopyBytes)}), ${s.alreadyThere} already there, ${s.changed} changed, ${s.missing} missing from the archive\n`)
    const e = s.estimate
    if (e)
      process.stdout.write(
        `Estimate (${e.mode}): ${e.requests.list} LIST, ${e.requests.copy} COPY, ${e.requests.get} GET, ${e.requests.put} PUT ≈ ${formatUsd(e.costUsd)}; time ${e.seconds === null ? 'unknown until a job is measured' : formatDuration(e.seconds)} (${e.basis})\n`,
      )
    if (batch)
      process.stdout.write(
        `S3 Batch Operations: ${batch.batch.length} objects in the manifest${batch.partCopy.length ? `; ${batch.partCopy.length} over 5 GB, which Batch Operations does not copy, go to the SDK's part copy (${batch.partCopy.slice(0, 3).map((t) => t.sourceKey).join(', ')}${batch.partCopy.length > 3 ? ', …' : ''})` : ''}\n`,
      )
    const ps = s.periodSources
    if (ps) {
      process.stdout.write(`Auto: ${ps.monthly} months from monthly files, ${ps.daily} from their daily files (monthly file not in the archive), ${ps.missing} with neither\n`)
      for (const m of ps.months.filter((x) => x.from !== 'monthly').slice(0, 20))
        process.stdout.write(`  ${m.dataset} ${m.symbol} ${m.month}: ${m.from === 'daily' ? 'daily files' : 'missing'}${m.missingKeys.length > 0 ? `, ${m.missingKeys.length} daily files absent` : ''}\n`)
    }
    for (const d of s.byDataset) process.stdout.write(`  ${d.dataset} ${d.symbol}: ${d.objects} objects, ${formatBytes(d.bytes)}, ${d.missing} missing\n`)
    for (const k of plan.missingKeys.slice(0, 50)) process.stdout.write(`  missing ${k}\n`)
    return 0
  } finally {
    source.destroy()
    destination?.destroy()
  }
}
