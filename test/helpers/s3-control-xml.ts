// The REST-XML of the three S3 Control calls the stand-in answers, read and written as the real
// @aws-sdk/client-s3-control (3.11xx) sends and expects them: the request body's root is
// <CreateJobRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">, lists are wrapped
// in <member> elements (Manifest.Spec.Fields, FailureReasons), booleans and numbers are text.
// The output root's name is not read by the SDK; AWS's are used anyway. Errors are S3 Control's
// <ErrorResponse><Error><Code/><Message/></Error><RequestId/><HostId/></ErrorResponse>.
// fast-xml-parser (a devDependency) parses and escapes; zod checks the CreateJob body at the door.
import { XMLBuilder, XMLParser } from 'fast-xml-parser'
import { z } from 'zod'

const NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/'
const DECL = '<?xml version="1.0" encoding="UTF-8"?>'

/** An answer the stand-in gives instead of a result: HTTP status, S3 Control error code, message. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const bool = z.enum(['true', 'false']).transform((v) => v === 'true')
const bucketArn = z.string().regex(/^arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be arn:aws:s3:::<bucket>')

const CopyOperation = z.looseObject({
  TargetResource: bucketArn,
  TargetKeyPrefix: z.string().max(1024).optional(),
  MetadataDirective: z.enum(['COPY', 'REPLACE']).optional(),
  ChecksumAlgorithm: z.enum(['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME']).optional(),
})

const CreateJobBody = z.object({
  Operation: z.strictObject({ S3PutObjectCopy: CopyOperation }, 'the stand-in models the S3PutObjectCopy operation only'),
  Report: z
    .object({
      Enabled: bool,
      Bucket: bucketArn.optional(),
      Format: z.literal('Report_CSV_20180820').optional(),
      Prefix: z.string().max(512).optional(),
      ReportScope: z.enum(['AllTasks', 'FailedTasksOnly']).optional(),
    })
    .refine((r) => !r.Enabled || (r.Bucket && r.Format), 'an enabled Report needs Bucket and Format'),
  Priority: z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().max(2147483647)),
  RoleArn: z.string().regex(/^arn:aws:iam::\d{12}:role\/.+$/, 'must be arn:aws:iam::<account>:role/<name>'),
  ConfirmationRequired: bool.optional(),
  ClientRequestToken: z.string().min(1).max(64),
  Manifest: z.object({
    Spec: z.object({
      // Inventory-report manifests (S3InventoryReport_CSV_20161130) are not modelled.
      Format: z.literal('S3BatchOperations_CSV_20180820', 'the stand-in models S3BatchOperations_CSV_20180820 manifests only'),
      Fields: z.object({ member: z.array(z.enum(['Ignore', 'Bucket', 'Key', 'VersionId'])) }),
    }),
    Location: z.object({
      ObjectArn: z.string().regex(/^arn:aws:s3:::[^/]+\/.+$/, 'must be arn:aws:s3:::<bucket>/<key>'),
      ObjectVersionId: z.string().optional(),
      ETag: z.string().min(1),
    }),
  }),
  Description: z.string().min(1).max(256).optional(),
})

type CreateJobInput = z.infer<typeof CreateJobBody>

/** The request as parsed (for DescribeJob's echo of Manifest/Operation/Report) and as validated. */
export interface ParsedCreateJob {
  raw: Record<string, unknown>
  input: CreateJobInput
}

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, isArray: (_n, path) => /\.(Fields|FailureReasons)\.member$/.test(String(path)) })
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false })

export function parseCreateJob(xml: string): ParsedCreateJob {
  let doc: Record<string, unknown>
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>
  } catch (err) {
    throw new ControlError(400, 'MalformedXML', `The XML you provided was not well-formed: ${(err as Error).message}`)
  }
  const raw = doc.CreateJobRequest as Record<string, unknown> | undefined
  if (!raw || typeof raw !== 'object') throw new ControlError(400, 'MalformedXML', 'expected a <CreateJobRequest> body')
  const parsed = CreateJobBody.safeParse(raw)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new ControlError(400, 'InvalidRequest', `${first.path.join('.') || 'request'}: ${first.message}`)
  }
  return { raw, input: parsed.data }
}

const withNs = (root: string, body: Record<string, unknown>): string => DECL + builder.build({ [root]: { '@_xmlns': NS, ...body } })

export const createJobResultXml = (jobId: string): string => withNs('CreateJobResult', { JobId: jobId })

/** `job` in the SDK's JobDescriptor member names; lists already wrapped as { member: [...] }. */
export const describeJobResultXml = (job: Record<string, unknown>): string => withNs('DescribeJobResult', { Job: job })

export const updateJobStatusResultXml = (jobId: string, status: string, reason?: string): string =>
  withNs('UpdateJobStatusResult', { JobId: jobId, Status: status, ...(reason ? { StatusUpdateReason: reason } : {}) })

export const errorXml = (code: string, message: string, requestId: string): string =>
  DECL + builder.build({ ErrorResponse: { Error: { Code: code, Message: message }, RequestId: requestId, HostId: requestId } })
