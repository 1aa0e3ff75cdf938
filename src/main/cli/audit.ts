// `archive-sync audit --config job.json [--json] [--yes]`: are the kline and trade files at the
// destination complete? Prints what it will read and the estimated cost first; above
// AUDIT_CONFIRM it reads nothing without --yes. Exit 0 no gaps, 1 gaps or disorder, 2 refused.
import { AUDIT_CONFIRM } from '../../shared/estimate'
import { planAudit, runAudit } from '../verify/audit-destination'
import { describeGaps } from '../verify/zip-stream-check'
import { destinationEndpoint, makeS3Client, sourceEndpoint } from '../s3/clients'
import { CliExit, loadConfig } from './load-config'
import { formatBytes as bytes } from '../../shared/format'

export async function auditCommand(args: { config?: string; json?: boolean; yes?: boolean }): Promise<number> {
  const config = await loadConfig(args.config)
  const source = makeS3Client(sourceEndpoint(config))
  const destination = config.output_directory ? undefined : makeS3Client(destinationEndpoint(config))
  try {
    const a = await planAudit(config, { source, destination })
    const e = a.estimate
    const where = a.where === 'local' ? `from ${config.output_directory} (local reads, no request cost)` : `from s3://${config.destination_bucket}: ${e.requests} GET ≈ $${e.costUsd.toFixed(4)} (pricing.get_per_1000 ${config.pricing.get_per_1000}, transfer_per_gb ${config.pricing.transfer_per_gb})`
    process.stderr.write(`Audit reads ${a.targets.length} kline/trade files, ${bytes(e.bytes)}, ${where}; ${a.absent} planned files are not at the destination\n`)
    if (e.needsConfirm && !args.yes)
      throw new CliExit(2, `Not reading: over ${bytes(AUDIT_CONFIRM.bytes)} or $${AUDIT_CONFIRM.usd.toFixed(2)}. Re-run with --yes to read ${bytes(e.bytes)} for about $${e.costUsd.toFixed(4)}, or narrow the date range.`)
    const reports = await runAudit(config, a, destination)
    const bad = reports.filter((r) => r.gaps.length > 0 || r.outOfOrder > 0)
    if (args.json) process.stdout.write(`${JSON.stringify({ type: 'audit', files: reports.length, bytes: e.bytes, requests: e.requests, costUsd: e.costUsd, absent: a.absent, incomplete: bad })}\n`)
    else {
      process.stdout.write(`${reports.length} files read: ${reports.length - bad.length} complete, ${bad.length} with gaps or rows out of order\n`)
      for (const r of bad) for (const line of describeGaps(r)) process.stdout.write(`  ${line}\n`)
    }
    return bad.length === 0 ? 0 : 1
  } finally {
    source.destroy()
    destination?.destroy()
  }
}
