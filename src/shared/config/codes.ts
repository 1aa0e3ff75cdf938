// Configuration error codes. CE001 and CE002 are the spec's (§7.1.1); the rest are ours,
// one per further rule, so a CLI user or a script can branch on the code.

export const CONFIG_CODES = {
  CE001: { title: 'Missing destination bucket', fix: 'Set destination_bucket (or S3_DESTINATION_BUCKET) when enable_s3_direct_sync is true.' },
  CE002: { title: 'Invalid operation mode', fix: 'Use one of: auto, direct_sync, traditional, batch_operations.' },
  CE003: { title: 'Performance setting out of range', fix: 'max_concurrent 1-50, batch_size 1-1000, part_size_mb 1-1000, retry_count 1-10, outage_patience_seconds 0-3600 (whole numbers).' },
  CE004: { title: 'Invalid date range', fix: 'Give date_range.start and date_range.end as YYYY-MM-DD, start on or before end.' },
  CE005: { title: 'Unknown market', fix: 'Use spot, futures/um (futures_um), futures/cm (futures_cm) or option (options).' },
  CE006: { title: 'Unknown data type', fix: 'Pick a data type the market offers (see `archive-sync catalog`).' },
  CE007: { title: 'Invalid interval', fix: 'Give an interval the data type offers at that frequency (`archive-sync catalog` lists intervals per frequency); data types without intervals take none.' },
  CE008: { title: 'Invalid symbol', fix: 'Symbols are letters, digits, _ and - only (e.g. BTCUSDT, BTCUSD_PERP).' },
  CE009: { title: 'Invalid bucket name', fix: 'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens.' },
  CE010: { title: 'Invalid connection settings', fix: 'Check s3_config / source: endpoint_url must be an http(s) URL.' },
  CE011: { title: 'Frequency not offered', fix: 'Use daily, monthly or auto, and one the data type has (fundingRate is monthly only; metrics daily only).' },
  CE012: { title: 'Date in the future', fix: 'The archive only has closed days: end the range today or earlier (UTC).' },
  CE013: { title: 'No destination', fix: 'Set destination_bucket for an S3 copy or output_directory for a download.' },
  CE014: { title: 'Nothing selected', fix: 'Set markets, symbols, data_types and date_range.' },
  CE015: { title: 'Invalid setting', fix: 'Check the value against the configuration reference in the README.' },
  CE016: { title: 'Unsafe path', fix: 'Prefixes and folders may not contain "..", backslashes or control characters.' },
  CE017: { title: 'Unknown setting', fix: 'Remove the key or correct its spelling (the message names the closest known key).' },
  CE018: { title: 'Server-side setting', fix: 'Binaries, endpoints, credentials, source.*, the output root and deletions are set where the server starts (base config, CLI flags, environment), not by a connection.' },
  CE019: { title: 'Too many symbols', fix: 'Pick fewer symbols per job (split a large backfill into several jobs, or use the CLI).' },
  CE020: { title: 'Date range too long', fix: 'Shorten date_range, or split it into several jobs.' },
  CE021: { title: 'Plan too large', fix: 'Fewer symbols, intervals or days per job: split the selection, or run it from the CLI.' },
  CE022: { title: 'Invalid region', fix: 'Regions are lowercase letters, digits and hyphens, e.g. us-east-1.' },
  CE023: { title: 'Folder outside the output root', fix: 'Give a folder inside the output root the server was started with (--output-root); links that lead out of it are refused.' },
  CE024: { title: 'Unknown saved destination', fix: 'Save the destination first (destinations:save), or pick one from the list.' },
  CE025: { title: 'Perpetual contracts only', fix: 'This data type exists for perpetual contracts only (COIN-M premiumIndexKlines): pick the …_PERP symbol.' },
  CE026: { title: 'Interval ended', fix: 'The archive stopped publishing that interval: end the range by the date given, or build the bars from 1d klines.' },
  CE030: { title: 'Name too long', fix: 'Shorten destination_prefix, source.prefix or output_directory: S3 keys are at most 1,024 bytes (UTF-8), prefix and archive key together.' },
  CE031: { title: 'Two destinations', fix: 'Give destination_bucket for an S3 copy or output_directory for a download, not both.' },
  CE032: { title: 'Deletion without sync', fix: 'delete_extraneous works with sync_mode "sync" only: set sync_mode to sync, or remove delete_extraneous.' },
  CE033: { title: 'Null setting', fix: 'Remove the key to take its default (for s3_config: the AWS default credential chain), or give it a value.' },
  CE034: { title: 'Not a folder', fix: 'output_directory must be a folder (or a path that does not exist yet): not a file or a device such as /dev/null.' },
  CE035: { title: 'Batch Operations settings', fix: 'operation_mode batch_operations needs batch_operations { account_id (12 digits), role_arn (arn:aws:iam::<account>:role/<name>), report_bucket } in the job file or base config; see "Very large backfills" in the README.' },
  CE036: { title: 'Layout Batch Operations cannot express', fix: 'S3 Batch Operations copies each key under the destination prefix unchanged: use destination_layout "mirror", or another operation_mode for the hive layout.' },
  CE037: { title: 'Not a server-side S3 copy', fix: 'S3 Batch Operations copies S3 to S3 on AWS: give destination_bucket (not output_directory), keep enable_s3_direct_sync true, no source.https_base, and source and destination on the same service.' },
} as const

/** A terminal or a log shows this many issues, then a count: one bad config must not print megabytes. */
const SHOWN_ISSUES = 20

export type ConfigCode = keyof typeof CONFIG_CODES

export interface ConfigIssue {
  code: ConfigCode
  /** Dotted path of the offending field, e.g. performance_optimization.batch_size. */
  field: string
  message: string
  fix: string
}

export function issue(code: ConfigCode, field: string, message: string): ConfigIssue {
  return { code, field, message, fix: CONFIG_CODES[code].fix }
}

/** One line per issue, for terminals and logs: `CE003 performance_optimization.batch_size: ... Fix: ...` */
export function formatIssues(issues: readonly ConfigIssue[], shown = SHOWN_ISSUES): string {
  const lines = issues.slice(0, shown).map((i) => `${i.code} ${i.field}: ${i.message}. Fix: ${i.fix}`)
  if (issues.length > shown) lines.push(`… and ${issues.length - shown} more (${[...new Set(issues.slice(shown).map((i) => i.code))].join(', ')})`)
  return lines.join('\n')
}

/** First path segment → code, for shape errors reported by zod. */
export const CODE_BY_FIELD: Record<string, ConfigCode> = {
  operation_mode: 'CE002',
  performance_optimization: 'CE003',
  date_range: 'CE004',
  markets: 'CE005',
  data_types: 'CE006',
  intervals: 'CE007',
  symbols: 'CE008',
  destination_bucket: 'CE009',
  s3_config: 'CE010',
  source: 'CE010',
  frequency: 'CE011',
  destination_prefix: 'CE016',
  output_directory: 'CE016',
  destination_name: 'CE024',
  batch_operations: 'CE035',
}
