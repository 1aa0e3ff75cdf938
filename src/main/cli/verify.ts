// `archive-sync verify --config job.json [--json]`: re-check the destination against the archive
// without copying. Exit 0 when every planned object is verified, 1 otherwise.
import { verifyDestination, type DestinationCheck } from '../verify/verify-destination'
import { loadConfig } from './load-config'
import type { RunArgs } from './run'

export async function verifyCommand(args: RunArgs): Promise<number> {
  const config = await loadConfig(args.config)
  const check = await verifyDestination(config)
  if (args.json) process.stdout.write(`${JSON.stringify({ type: 'verify', ...check })}\n`)
  else process.stderr.write(`${verifyText(check)}\n`)
  return check.verified === check.objects ? 0 : 1
}

export function verifyText(c: DestinationCheck): string {
  const lines = [
    `Verify (${c.level}): ${c.verified} of ${c.objects} verified, ${c.unverified} unverified, ${c.mismatched} mismatched, ${c.missing} missing; ${c.requests} requests`,
    ...Object.entries(c.methods).map(([m, n]) => `  ${n} by ${m}`),
    ...Object.entries(c.reasons).map(([r, n]) => `  ${n} unverified: ${r}`),
  ]
  for (const p of c.problems.filter((x) => x.status !== 'unverified').slice(0, 20))
    lines.push(`  ${p.status.toUpperCase()} ${p.destination_key}: ${p.reason ?? ''}${p.expected ? ` (archive ${p.expected}, destination ${p.actual})` : ''}`)
  return lines.join('\n')
}
