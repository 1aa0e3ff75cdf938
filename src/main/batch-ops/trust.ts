// The trust and permission policies a Batch Operations copy needs, as data: the README prints
// them, the pre-flight checks a role's trust against the first. Shapes: S3 user guide, "Granting
// permissions for Batch Operations" (trust policy for batchoperations.s3.amazonaws.com; the
// PUT copy permissions policy).

const BATCH_PRINCIPAL = 'batchoperations.s3.amazonaws.com'

export const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: BATCH_PRINCIPAL }, Action: 'sts:AssumeRole' }],
}

/** What the role does: read the archive, write the lake, read the manifest, write the report. */
export function rolePolicy(b: { source: string; destination: string; reports: string }): object {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadArchive', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:ListBucket'], Resource: [`arn:aws:s3:::${b.source}`, `arn:aws:s3:::${b.source}/*`] },
      { Sid: 'WriteLake', Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectTagging'], Resource: [`arn:aws:s3:::${b.destination}/*`] },
      { Sid: 'ManifestAndReport', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:GetBucketLocation'], Resource: [`arn:aws:s3:::${b.reports}`, `arn:aws:s3:::${b.reports}/*`] },
    ],
  }
}

interface Statement {
  Effect?: string
  Principal?: { Service?: string | string[] } | string
  Action?: string | string[]
  Condition?: unknown
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** Does this trust policy (GetRole's AssumeRolePolicyDocument, URL-encoded JSON) let Batch Operations assume the role? */
export function trustsBatchOperations(document: string | undefined): { ok: boolean; why: string } {
  if (!document) return { ok: false, why: 'the role has no trust policy' }
  let doc: { Statement?: Statement | Statement[] }
  try {
    doc = JSON.parse(decodeURIComponent(document)) as typeof doc
  } catch {
    return { ok: false, why: 'the trust policy is not JSON' }
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : []
  const allows = statements.find(
    (s) =>
      s.Effect === 'Allow' &&
      typeof s.Principal === 'object' &&
      list(s.Principal.Service).includes(BATCH_PRINCIPAL) &&
      list(s.Action).some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*'),
  )
  if (!allows) return { ok: false, why: `no statement allows ${BATCH_PRINCIPAL} to sts:AssumeRole` }
  return { ok: true, why: allows.Condition ? `trusts ${BATCH_PRINCIPAL} (with a condition the pre-flight does not evaluate)` : `trusts ${BATCH_PRINCIPAL}` }
}
