// report.json, a job's efficiency report, written once when the job ends: this module is its only
// reader and writer, through reportSchema (which carries schemaVersion).
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { reportSchema, type Report } from '../../shared/contract'
import { parseStored } from '../stored-json'

const REPORT_FILE = 'report.json'

/** Write then rename: a crash mid-write leaves no report (the job reads as interrupted), never half of one. */
export async function writeReport(dir: string, report: Report): Promise<void> {
  const path = join(dir, REPORT_FILE)
  await writeFile(`${path}.tmp`, JSON.stringify(report, null, 2))
  await rename(`${path}.tmp`, path)
}

/** The job's report, or null while it has none (running, or interrupted); REPORT_CORRUPT if it does not parse. */
export async function readReport(dir: string): Promise<Report | null> {
  const path = join(dir, REPORT_FILE)
  const text = await readFile(path, 'utf8').catch(() => null)
  if (text === null) return null
  return parseStored(path, text, reportSchema, { code: 'REPORT_CORRUPT', what: 'a report' })
}
