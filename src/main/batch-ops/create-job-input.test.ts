import { CreateJobCommand } from '@aws-sdk/client-s3-control'
import { HttpResponse, type HttpRequest } from '@smithy/core/transport'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from '../../shared/config/validate'
import { makeS3ControlClient } from '../s3/control-clients'
import { bareEtag, clientRequestToken, completionManifestKey, createJobInput, manifestKey, partitionOf } from './create-job-input'
import { plannedSubmission, splitForBatch } from './submit'

const NOW = new Date('2024-06-15T12:00:00Z')
function config(extra: Record<string, unknown> = {}): JobConfig {
  const r = validateConfig(
    {
      enable_s3_direct_sync: true,
      operation_mode: 'batch_operations',
      destination_bucket: 'my-lake',
      destination_prefix: '/bronze/binance/',
      s3_config: { region: 'eu-west-1' },
      markets: ['spot'],
      symbols: ['BTCUSDT'],
      data_types: ['klines'],
      intervals: ['1h'],
      date_range: { start: '2024-03-01', end: '2024-03-02' },
      batch_operations: { account_id: '111122223333', role_arn: 'arn:aws:iam::111122223333:role/batch-copy', report_bucket: 'my-reports', report_prefix: 'reports/', priority: 42 },
      ...extra,
    },
    { now: NOW, jobFile: true },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

const MANIFEST = { bucket: 'my-reports', key: 'reports/20240615-abc/manifest.csv', etag: '"60e460c9d1046e73f7dde5043ac3ae85"' }

describe('createJobInput — the CreateJob request (S3 Control API reference)', () => {
  it('is an S3PutObjectCopy into the destination bucket under the prefix, COPY metadata, SHA256, with the documented manifest and report', () => {
    const input = createJobInput(config(), '20240615120000-abc123', 'spot klines BTCUSDT', MANIFEST)
    expect(input).toEqual({
      AccountId: '111122223333',
      ClientRequestToken: 'archive-sync-20240615120000-abc123',
      ConfirmationRequired: false,
      Description: 'archive-sync 20240615120000-abc123: spot klines BTCUSDT',
      Priority: 42,
      RoleArn: 'arn:aws:iam::111122223333:role/batch-copy',
      Operation: { S3PutObjectCopy: { TargetResource: 'arn:aws:s3:::my-lake', TargetKeyPrefix: 'bronze/binance/', MetadataDirective: 'COPY', ChecksumAlgorithm: 'SHA256' } },
      Manifest: {
        Spec: { Format: 'S3BatchOperations_CSV_20180820', Fields: ['Bucket', 'Key'] },
        // The documented example's ETag is the bare hex, without S3's quotes.
        Location: { ObjectArn: 'arn:aws:s3:::my-reports/reports/20240615-abc/manifest.csv', ETag: '60e460c9d1046e73f7dde5043ac3ae85' },
      },
      Report: { Bucket: 'arn:aws:s3:::my-reports', Format: 'Report_CSV_20180820', Enabled: true, Prefix: 'reports', ReportScope: 'AllTasks' },
    })
  })

  it('omits TargetKeyPrefix without a prefix and uses the partition of China and GovCloud regions', () => {
    const input = createJobInput(config({ destination_prefix: '', s3_config: { region: 'cn-north-1' } }), 'j', 'l', MANIFEST)
    expect(input.Operation?.S3PutObjectCopy).not.toHaveProperty('TargetKeyPrefix')
    expect(input.Operation?.S3PutObjectCopy?.TargetResource).toBe('arn:aws-cn:s3:::my-lake')
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov')
    expect(partitionOf('ap-northeast-1')).toBe('aws')
  })

  it('derives the token from the job id only (a retried submit sends the same one) within CreateJob\'s 64 characters', () => {
    expect(clientRequestToken('20240615120000-abc123')).toBe(clientRequestToken('20240615120000-abc123'))
    expect(clientRequestToken('20240615120000-abc123')).not.toBe(clientRequestToken('20240615120000-abc124'))
    expect(clientRequestToken('x'.repeat(100))).toHaveLength(64)
    expect(bareEtag('"abc"')).toBe('abc')
    expect(manifestKey('reports/', 'j1')).toBe('reports/j1/manifest.csv')
    expect(completionManifestKey('reports', 'f8fb9d89-a3aa-461d-bddc-ea6a1b131955')).toBe('reports/job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/manifest.json')
  })

  it('serializes through the SDK to the documented REST request: POST /v20180820/jobs, x-amz-account-id, the XML elements', async () => {
    const sent: HttpRequest[] = []
    const c = config({ batch_operations: { ...config().batch_operations, control_endpoint_url: 'http://127.0.0.1:9' }, s3_config: { region: 'eu-west-1', access_key_id: 'AKIDEXAMPLE', secret_access_key: 'secret' } })
    const client = makeS3ControlClient(c, {
      requestHandler: {
        handle: async (request: HttpRequest) => {
          sent.push(request)
          const body = Readable.from([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><CreateJobResult><JobId>93735294-df46-44d5-8638-6356f335324e</JobId></CreateJobResult>')])
          return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/xml' }, body }) }
        },
      },
    })
    const out = await client.send(new CreateJobCommand(createJobInput(c, '20240615120000-abc123', 'label', MANIFEST)))
    expect(out.JobId).toBe('93735294-df46-44d5-8638-6356f335324e')
    const [req] = sent
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/v20180820/jobs')
    // disableHostPrefix: the stand-in's host as given, not <account>.127.0.0.1.
    expect(req.hostname).toBe('127.0.0.1')
    expect(req.headers['x-amz-account-id']).toBe('111122223333')
    const xml = String(req.body)
    expect(xml).toContain('<CreateJobRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">')
    for (const element of [
      '<ClientRequestToken>archive-sync-20240615120000-abc123</ClientRequestToken>',
      '<S3PutObjectCopy><TargetResource>arn:aws:s3:::my-lake</TargetResource>',
      '<MetadataDirective>COPY</MetadataDirective>',
      '<TargetKeyPrefix>bronze/binance/</TargetKeyPrefix>',
      '<ChecksumAlgorithm>SHA256</ChecksumAlgorithm>',
      '<Format>S3BatchOperations_CSV_20180820</Format><Fields><member>Bucket</member><member>Key</member></Fields>',
      '<ETag>60e460c9d1046e73f7dde5043ac3ae85</ETag>',
      '<ReportScope>AllTasks</ReportScope>',
      '<Priority>42</Priority>',
      '<RoleArn>arn:aws:iam::111122223333:role/batch-copy</RoleArn>',
    ])
      expect(xml).toContain(element)
    client.destroy()
  })
})

describe('the manifest a job submits', () => {
  const tasks = [
    { id: 0, sourceKey: 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip', size: 1000 },
    { id: 1, sourceKey: 'data/spot/monthly/trades/BTCUSDT/BTCUSDT trades+2024 #1.zip', size: 2000 },
    { id: 2, sourceKey: 'data/spot/monthly/trades/BTCUSDT/BTCUSDT-trades-2024-03.zip', size: 6 * 1024 ** 3 },
  ]

  it('lists Bucket,Key with URL-encoded keys, no header, and leaves objects over 5 GB to the SDK part copy', () => {
    const s = plannedSubmission(config(), 'j1', 'l', tasks)
    expect(s.csv).toBe(
      'data.binance.vision,data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip\n' + 'data.binance.vision,data/spot/monthly/trades/BTCUSDT/BTCUSDT%20trades%2B2024%20%231.zip\n',
    )
    expect(s.objects).toBe(2)
    expect(s.partCopy.map((t) => t.id)).toEqual([2])
    // The ETag a dry run shows: S3's for a single PUT of that body (its MD5).
    expect(s.input.Manifest?.Location?.ETag).toMatch(/^[0-9a-f]{32}$/)
    expect(s.input.Manifest?.Location?.ObjectArn).toBe('arn:aws:s3:::my-reports/reports/j1/manifest.csv')
  })

  it('splits at CopyObject\'s 5 GiB exactly', () => {
    const five = 5 * 1024 ** 3
    const { batch, partCopy } = splitForBatch([{ size: five }, { size: five + 1 }])
    expect(batch).toEqual([{ size: five }])
    expect(partCopy).toEqual([{ size: five + 1 }])
  })
})
