// The completion-report generator: AWS's layout, rows as AWS writes them, and files that prove
// themselves (MD5Checksum of each result file).
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildCompletionReport, parseCsvLine, reportJobPrefix, resultLine, REPORT_SCHEMA, type TaskOutcome } from './batch-report-fixture'

const ok = (key: string): TaskOutcome => ({ bucket: 'src', key, status: 'succeeded', httpStatus: 200 })
const gone = (key: string): TaskOutcome => ({ bucket: 'src', key, status: 'failed', httpStatus: 404, errorCode: 'NoSuchKey', message: 'The specified key does not exist, "really"' })
const at = new Date('2026-01-02T03:04:05.678Z')

describe('batch-report-fixture', () => {
  it('lays the report out as AWS does: <prefix>/job-<id>/manifest.json and results/<40 hex>.csv, succeeded first', () => {
    const r = buildCompletionReport({ jobId: 'j-1234', reportBucket: 'ops', prefix: 'reports/', scope: 'AllTasks', outcomes: [gone('x'), ok('a'), ok('b')], createdAt: at })
    expect(r.manifestKey).toBe('reports/job-j-1234/manifest.json')
    expect(r.manifest).toMatchObject({ Format: 'Report_CSV_20180820', ReportCreationDate: '2026-01-02T03:04:05.678Z', ReportSchema: REPORT_SCHEMA })
    expect(r.manifest.Results.map((e) => e.TaskExecutionStatus)).toEqual(['succeeded', 'failed'])
    for (const e of r.manifest.Results) {
      expect(e.Key).toMatch(/^reports\/job-j-1234\/results\/[0-9a-f]{40}\.csv$/)
      expect(e.Bucket).toBe('ops')
      const body = r.files.find((f) => f.key === e.Key)!.body
      expect(e.MD5Checksum).toBe(createHash('md5').update(body).digest('hex'))
    }
    expect(JSON.parse(r.files.at(-1)!.body)).toEqual(r.manifest)
  })

  it('writes rows by position as real reports do: status, HTTP status, error code, message; keys URL-encoded', () => {
    expect(resultLine(ok('data/with space/ü,c.zip'))).toBe('src,data/with%20space/%C3%BC%2Cc.zip,,succeeded,200,,Successful')
    const line = resultLine({ ...gone('k'), versionId: 'v1' })
    expect(line).toBe('src,k,v1,failed,404,NoSuchKey,"The specified key does not exist, ""really"""')
    expect(parseCsvLine(line)).toEqual(['src', 'k', 'v1', 'failed', '404', 'NoSuchKey', 'The specified key does not exist, "really"'])
  })

  it('FailedTasksOnly writes only failed rows; nothing failed → a manifest with no results', () => {
    const some = buildCompletionReport({ jobId: 'j-1', reportBucket: 'ops', scope: 'FailedTasksOnly', outcomes: [ok('a'), gone('b')], createdAt: at })
    expect(some.files.map((f) => f.key.replace(/[0-9a-f]{40}/, 'H'))).toEqual(['job-j-1/results/H.csv', 'job-j-1/manifest.json'])
    expect(some.files[0].body).toBe(`${resultLine(gone('b'))}\n`)
    const none = buildCompletionReport({ jobId: 'j-2', reportBucket: 'ops', scope: 'FailedTasksOnly', outcomes: [ok('a')], createdAt: at })
    expect(none.manifest.Results).toEqual([])
    expect(reportJobPrefix(undefined, 'j-2')).toBe('job-j-2')
  })
})
