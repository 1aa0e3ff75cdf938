// archive-sync: headless entry. `run`, `resume`, `verify`, `plan`, `audit`, `batch`, `catalog`, `serve`, `demo`.
import { parseArgs } from 'node:util'
import { CliExit } from './load-config'

const USAGE = `Usage: archive-sync <command> [options]

  run   --config job.json [--json] [--data-dir DIR]   copy a slice; exit 0 ok, 1 failures, 2 bad config, 130 cancelled
  resume JOB_ID [--config job.json] [--json] [--data-dir DIR]
                                                      continue a killed/cancelled/failed job from its journal;
                                                      --config must define the same job (credentials may differ)
  verify --config job.json [--json]                   re-check the destination against the archive, no copying;
                                                      exit 0 all verified, 1 otherwise
  plan  --config job.json [--json] [--out F]          list, diff and print the plan without copying;
                                                      --out plan.csv (S3 Batch Operations manifest) or plan.txt (s5cmd run file)
  audit --config job.json [--json] [--yes]            read the kline/trade files at the destination and report gaps;
                                                      prints the bytes and cost first, --yes needed above 1 GiB or $0.10
  batch submit --config job.json [--dry-run] [--json]
                                                      hand the job to S3 Batch Operations (operation_mode batch_operations);
                                                      --dry-run prints the CreateJob input and sends nothing
  batch status [JOB_ID] [--config job.json] [--once] [--json]
                                                      follow it (DescribeJob) on the progress line until it ends
  batch import [JOB_ID] [--config job.json] [--json]  read its completion report, verify, write the report
  batch confirm|cancel [JOB_ID] --config job.json     confirm a job that waits (confirmation_required), or cancel it
  catalog [--json]                                    the archive matrix: markets, data types, frequencies, intervals per
                                                      frequency, status with dates (--json: one object per market and type)
  serve [--port N] [--config base.json] [--output-root DIR] [--host H --allow-remote]
                                                      the UI in a browser (token-protected, 127.0.0.1);
                                                      base.json: server-side settings under every job;
                                                      downloads land inside --output-root (default <data dir>/downloads)
  demo  [--port N] [--data-dir DIR] [--json] [--copy-latency-ms MS]
                                                      serve against an embedded local S3 with a sample archive;
                                                      --copy-latency-ms: its copies answer that much later, as S3's do
`

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  out: { type: 'string', short: 'o' },
  host: { type: 'string' },
  'output-root': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  yes: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  once: { type: 'boolean' },
  'copy-latency-ms': { type: 'string' },
} as const

/** parseArgs throws TypeErrors with an ERR_PARSE_ARGS_* code (unknown option, missing value): one line and the usage, exit 2. */
function parse(rest: string[]) {
  try {
    return parseArgs({ args: rest, options: OPTIONS, allowPositionals: true })
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw new CliExit(2, `${(err as Error).message.split('\n')[0]}\n${USAGE}`)
    throw err
  }
}

// Commands load on demand: a process that copies need not carry the web server, and the
// engine's memory budget counts this process.
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { values, positionals } = parse(rest)
  if (command !== 'resume' && command !== 'batch' && positionals.length > 0) throw new CliExit(2, `Unexpected argument "${positionals[0]}".\n${USAGE}`)
  const common = { config: values.config, json: values.json, dataDir: values['data-dir'] }
  const serveArgs = { ...common, host: values.host, outputRoot: values['output-root'], allowRemote: values['allow-remote'] }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new CliExit(2, `--port must be 0-65535, not ${values.port}\n${USAGE}`)
  switch (command) {
    case 'run':
      return (await import('./run')).runCommand(common)
    case 'resume':
      return (await import('./resume')).resumeCommand(positionals[0], common)
    case 'verify':
      return (await import('./verify')).verifyCommand(common)
    case 'plan':
      return (await import('./plan')).planCommand({ ...common, out: values.out })
    case 'audit':
      return (await import('./audit')).auditCommand({ ...common, yes: values.yes })
    case 'batch':
      if (positionals.length > 2) throw new CliExit(2, `Unexpected argument "${positionals[2]}".\n${USAGE}`)
      return (await import('./batch')).batchCommand(positionals[0], positionals[1], { ...common, dryRun: values['dry-run'], once: values.once })
    case 'catalog': {
      const c = await import('./catalog')
      process.stdout.write(values.json ? `${JSON.stringify(c.catalogEntries())}\n` : c.catalogText())
      return 0
    }
    case 'serve':
      return (await import('./serve')).serveCommand({ ...serveArgs, port })
    case 'demo': {
      const latency = Number(values['copy-latency-ms'] ?? 0)
      if (!(Number.isInteger(latency) && latency >= 0 && latency <= 10_000)) throw new CliExit(2, `--copy-latency-ms must be 0-10000, not ${values['copy-latency-ms']}\n${USAGE}`)
      return (await import('./serve')).demoCommand({ ...serveArgs, port }, latency)
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE)
      return 0
    default:
      throw new CliExit(2, `Unknown command "${command}".\n${USAGE}`)
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof CliExit ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(err instanceof CliExit ? err.code : 1)
  },
)
