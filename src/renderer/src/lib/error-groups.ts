// Failures grouped by error class, each with the fix a person can act on (the spec's
// troubleshooting table and RE codes). Pure: the live monitor and the report share it.
import type { ErrorClass } from '../../../shared/contract'

export const FIX_BY_CLASS: Record<ErrorClass, { title: string; fix: string }> = {
  permission: { title: 'Access denied', fix: 'Grant s3:GetObject on the source and s3:PutObject on the destination (IAM policy), then re-run: finished files are skipped.' },
  network: { title: 'Network', fix: 'Check connectivity and firewall rules to the S3 endpoints; raise retry_count for flaky links.' },
  'not-found': { title: 'Not found', fix: 'The archive or bucket lacks the object: check the bucket name, region and the selected dates.' },
  s5cmd: { title: 's5cmd', fix: 'Install s5cmd 2.2.2 or newer, or set operation_mode to traditional to use the SDK only.' },
  checksum: { title: 'Checksum mismatch', fix: 'The copy differs from the archive: re-run the job; if it persists, the archive file changed mid-copy.' },
  throttled: { title: 'Throttled', fix: 'S3 asked to slow down (SlowDown): lower max_concurrent and re-run.' },
  other: { title: 'Other', fix: 'Read the messages; run from the CLI with --log debug for details.' },
}

export interface ErrorGroup {
  errorClass: ErrorClass
  count: number
  /** Up to three distinct messages, the most frequent first. */
  examples: string[]
  title: string
  fix: string
}

export function groupErrors(items: Iterable<{ errorClass: ErrorClass; message: string }>): ErrorGroup[] {
  const byClass = new Map<ErrorClass, { count: number; messages: Map<string, number> }>()
  for (const { errorClass, message } of items) {
    const g = byClass.get(errorClass) ?? { count: 0, messages: new Map<string, number>() }
    g.count += 1
    // Distinct messages are bounded: a 100,000-failure job must not grow this map without limit.
    if (g.messages.has(message) || g.messages.size < 50) g.messages.set(message, (g.messages.get(message) ?? 0) + 1)
    byClass.set(errorClass, g)
  }
  return [...byClass.entries()]
    .map(([errorClass, g]) => ({
      errorClass,
      count: g.count,
      examples: [...g.messages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([m]) => m),
      ...FIX_BY_CLASS[errorClass],
    }))
    .sort((a, b) => b.count - a.count)
}
