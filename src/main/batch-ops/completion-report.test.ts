import { describe, expect, it } from 'vitest'
import { checkMd5, parseReportManifest, parseResultCsv, ReportFormatError, rowKeys } from './completion-report'

// The top-level manifest.json exactly as the S3 user guide's "Examples: S3 Batch Operations completion reports" shows it.
const DOCUMENTED_MANIFEST = `{
    "Format": "Report_CSV_20180820",
    "ReportCreationDate": "2019-04-05T17:48:39.725Z",
    "Results": [
        {
            "TaskExecutionStatus": "succeeded",
            "Bucket": "my-job-reports",
            "MD5Checksum": "83b1c4cbe93fc893f54053697e10fd6e",
            "Key": "job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv"
        },
        {
            "TaskExecutionStatus": "failed",
            "Bucket": "my-job-reports",
            "MD5Checksum": "22ee037f3515975f7719699e5c416eaa",
            "Key": "job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv"
        }
    ],
    "ReportSchema": "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"
}`

describe('the completion report as AWS documents it', () => {
  it('reads the documented top-level manifest.json', () => {
    const m = parseReportManifest(DOCUMENTED_MANIFEST, 'manifest.json')
    expect(m.Results.map((r) => [r.TaskExecutionStatus, r.Bucket])).toEqual([
      ['succeeded', 'my-job-reports'],
      ['failed', 'my-job-reports'],
    ])
    expect(m.Results[1].Key).toMatch(/^job-f8fb9d89-.*\/results\/.*\.csv$/)
  })

  it('refuses what is not a Report_CSV_20180820 manifest, naming the file', () => {
    expect(() => parseReportManifest('{"Format":"Report_JSON"}', 's3://r/m.json')).toThrow(/s3:\/\/r\/m.json is not a Report_CSV_20180820 manifest/)
    expect(() => parseReportManifest('not json', 's3://r/m.json')).toThrow(ReportFormatError)
  })

  it('reads the guide\'s failed row (quoted message with doubled quotes, the number before the code) and a copy\'s rows', () => {
    const body = [
      // The guide's Lambda example row, verbatim in shape.
      'awsexamplebucket1,image_14975,,failed,200,PermanentFailure,"Lambda returned function error: {""errorMessage"":""2019-04-05T17:35:21.155Z 2845ca0d Task timed out after 3.00 seconds""}"',
      'data.binance.vision,data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip,,succeeded,200,,Successful',
      'data.binance.vision,data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-02.zip,,failed,404,NoSuchKey,"The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey)"',
      // The header's own order (ErrorCode, then HTTPStatusCode) reads the same.
      'data.binance.vision,data/x.zip,,failed,AccessDenied,403,Access Denied',
      // The troubleshooting guide's row, without a VersionId field.
      'BUCKET_NAME,prefix/file_name,failed,400,InvalidRequest,Task failed due to missing VersionId',
      '',
    ].join('\n')
    const rows = parseResultCsv(body, 'r.csv')
    expect(rows).toHaveLength(5)
    expect(rows[4]).toMatchObject({ bucket: 'BUCKET_NAME', key: 'prefix/file_name', status: 'failed', httpStatus: 400, errorCode: 'InvalidRequest', message: 'Task failed due to missing VersionId' })
    expect(rows[0]).toMatchObject({ bucket: 'awsexamplebucket1', key: 'image_14975', status: 'failed', httpStatus: 200, errorCode: 'PermanentFailure' })
    expect(rows[0].message).toContain('"errorMessage":"2019-04-05T17:35:21.155Z')
    expect(rows[1]).toMatchObject({ status: 'succeeded', httpStatus: 200, errorCode: undefined, message: 'Successful' })
    expect(rows[2]).toMatchObject({ status: 'failed', httpStatus: 404, errorCode: 'NoSuchKey' })
    expect(rows[3]).toMatchObject({ status: 'failed', httpStatus: 403, errorCode: 'AccessDenied', message: 'Access Denied' })
  })

  it('refuses a row that is not a result row, and a file whose MD5 differs from the manifest\'s', () => {
    expect(() => parseResultCsv('a,b\n', 'r.csv')).toThrow(/r.csv row 1 has 2 fields/)
    expect(() => parseResultCsv('a,b,,done,200,,x\n', 'r.csv')).toThrow(/TaskStatus "done"/)
    expect(() => checkMd5('abc', '900150983cd24fb0d6963f7d28e17f72', 'r.csv')).not.toThrow()
    expect(() => checkMd5('abd', '900150983cd24fb0d6963f7d28e17f72', 'r.csv')).toThrow(/r.csv has MD5 .* the report's manifest says 900150983cd24fb0d6963f7d28e17f72/)
  })

  it('matches a report key URL-encoded as the manifest gave it, or decoded', () => {
    expect(rowKeys({ bucket: 'b', key: 'a/b%20c%2Bd.zip', status: 'succeeded', message: '' })).toContain('a/b c+d.zip')
    expect(rowKeys({ bucket: 'b', key: 'a/100%.zip', status: 'succeeded', message: '' })).toEqual(['a/100%.zip'])
  })
})
