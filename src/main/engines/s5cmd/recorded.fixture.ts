// Lines a real s5cmd 2.2.2 printed against s3rver, copied verbatim from shared/reference/s5cmd.md
// (recorded facts, test data only). `retryTemplate` and `accessDeniedError` are the reference's
// own partial forms ("<aws error>", "..."): it recorded them only as far as shown.
export const recorded = {
  success:
    '{"operation":"cp","success":true,"source":"s3://src/data/a/f1.bin","destination":"s3://dst/x/f1.bin","object":{"key":"s3://dst/x/f1.bin","type":"file"}}',
  skipSizeMatches: '{"operation":"cp","job":"cp s3://src/data/a/f1.bin s3://dst/x/f1.bin","error":"object size matches"}',
  retryTemplate: '{"error":"retryable error: <aws error>"}',
  failNoSuchKey:
    '{"operation":"cp","command":"cp s3://src/data/a/nope.bin s3://dst/x/nope.bin","error":"NoSuchKey: The specified key does not exist. status code: 404, request id: , host id:"}',
  failNoSuchBucket:
    '{"operation":"cp","command":"cp s3://src/data/a/f1.bin s3://nobucket/x/f1.bin","error":"NoSuchBucket: The specified bucket does not exist status code: 404, request id: , host id:"}',
  failConnRefused:
    '{"operation":"cp","command":"cp s3://src/data/a/f1.bin s3://dst/x/f1.bin","error":"RequestError: send request failed caused by: Head \\"http://127.0.0.1:4999/src/data/a/f1.bin\\": dial tcp 127.0.0.1:4999: connect: connection refused"}',
  badBatchLine: '{"operation":"run","command":"run b7.txt","error":"\\"bogus\\" command (line: 0) not found"}',
  ls: '{"key":"s3://src/data/a/f1.bin","etag":"5dd0f9a5f2d01ef4bfb97195dbfff5a1","last_modified":"2026-11-23T19:43:07Z","type":"file","size":1048576,"storage_class":"STANDARD"}',
  stat: '{"operation":"cp","success":2,"error":0}',
  accessDeniedError: 'AccessDenied: Access Denied status code: 403, ...',
  /** Other skip texts the reference lists (-n, -u). */
  otherSkipTexts: ['object already exists', 'object is newer or same age'],
} as const
