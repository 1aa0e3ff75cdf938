// The pre-flight lines of operation_mode batch_operations: the role exists and trusts Batch
// Operations (IAM GetRole), the report bucket is writable (a probe written and deleted, as the
// destination's check does), and what the role's own policies allow on the source, destination
// and report bucket (IAM SimulatePrincipalPolicy). Whether the source bucket's policy lets the
// role read — the archive is another account's — only the copy itself can tell: the line says so.
import { randomBytes } from 'node:crypto'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { GetRoleCommand, SimulatePrincipalPolicyCommand, type IAMClient } from '@aws-sdk/client-iam'
import type { PreflightLine } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import { mirrorKey } from '../../shared/keys'
import { classifyS3Error, FIXES } from '../preflight/classify'
import { destinationEndpoint, makeS3Client } from '../s3/clients'
import { makeIamClient } from '../s3/control-clients'
import { describeError } from '../s3/errors'
import { trustsBatchOperations, TRUST_POLICY } from './trust'

const roleName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1)

export async function checkRole(iam: IAMClient, arn: string): Promise<PreflightLine> {
  const title = `Batch Operations role ${arn}`
  try {
    const out = await iam.send(new GetRoleCommand({ RoleName: roleName(arn) }))
    if (out.Role?.Arn && out.Role.Arn !== arn) return { check: 'batch-role', status: 'fail', title, detail: `GetRole answered ${out.Role.Arn}`, code: 'RoleMismatch', fix: 'Give the role ARN exactly as IAM shows it (with its path).' }
    const trust = trustsBatchOperations(out.Role?.AssumeRolePolicyDocument)
    if (!trust.ok) return { check: 'batch-role', status: 'fail', title, detail: trust.why, code: 'RoleTrust', fix: `Set the role's trust policy to ${JSON.stringify(TRUST_POLICY)}` }
    return { check: 'batch-role', status: 'ok', title, detail: `exists and ${trust.why}` }
  } catch (err) {
    const name = (err as { name?: string }).name
    if (name === 'NoSuchEntityException' || name === 'NoSuchEntity') return { check: 'batch-role', status: 'fail', title, detail: 'no such role', code: 'NoSuchRole', fix: 'Create the role (README, "Very large backfills": trust and permission policies) or correct batch_operations.role_arn.' }
    return { check: 'batch-role', status: 'warn', title, detail: `could not be read (${describeError(err)}); CreateJob will tell`, code: 'RoleUnchecked', fix: 'Allow iam:GetRole on the role to whoever runs the pre-flight, or check the role in the IAM console.' }
  }
}

async function checkReportBucket(c: JobConfig): Promise<PreflightLine> {
  const b = c.batch_operations!
  const bucket = b.report_bucket!
  const key = mirrorKey(b.report_prefix, `.archive-sync-preflight-${randomBytes(6).toString('hex')}`)
  const title = `Report bucket s3://${bucket}`
  const s3 = makeS3Client({ ...destinationEndpoint(c), bucket }, { maxAttempts: 1, maxSockets: 2 })
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'archive-sync preflight probe' }))
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    return { check: 'batch-report', status: 'ok', title, detail: `writable by you, for the manifest (probe ${key} written and deleted)` }
  } catch (err) {
    const { code, message } = classifyS3Error(err)
    return { check: 'batch-report', status: 'fail', title, detail: message, code, fix: FIXES[code] }
  } finally {
    s3.destroy()
  }
}

export async function checkRoleAccess(iam: IAMClient, c: JobConfig, sampleKey?: string): Promise<PreflightLine> {
  const b = c.batch_operations!
  const title = 'What the role may do'
  const only = `Whether the archive's bucket policy lets the role read s3://${c.source.bucket} is the other account's to answer: only the job's first tasks (its completion report) can tell`
  const asks = [
    { action: 's3:GetObject', resource: `arn:aws:s3:::${c.source.bucket}/${sampleKey ?? `${c.source.prefix}*`}` },
    { action: 's3:PutObject', resource: `arn:aws:s3:::${c.destination_bucket}/${mirrorKey(c.destination_prefix, sampleKey ?? 'x')}` },
    { action: 's3:PutObject', resource: `arn:aws:s3:::${b.report_bucket}/${mirrorKey(b.report_prefix, 'job-x/manifest.json')}` },
  ]
  try {
    const denied: string[] = []
    for (const a of asks) {
      const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: b.role_arn!, ActionNames: [a.action], ResourceArns: [a.resource] }))
      const decision = out.EvaluationResults?.[0]?.EvalDecision ?? 'unknown'
      if (decision !== 'allowed') denied.push(`${a.action} on ${a.resource}: ${decision}`)
    }
    if (denied.length > 0) return { check: 'batch-source', status: 'fail', title, detail: `the role's policies do not allow ${denied.join('; ')}`, code: 'RolePolicy', fix: 'Attach the permission policy of the README ("Very large backfills") to the role.' }
    return { check: 'batch-source', status: 'warn', title, detail: `the role's own policies allow reading the archive and writing the lake and the report (IAM policy simulation). ${only}.`, code: 'OnlyAwsKnows', fix: 'Nothing to do before the job; its completion report names any AccessDenied per object.' }
  } catch (err) {
    return { check: 'batch-source', status: 'warn', title, detail: `not simulated (${describeError(err)}). ${only}.`, code: 'OnlyAwsKnows', fix: 'Allow iam:SimulatePrincipalPolicy to check the role\'s own policies before submitting.' }
  }
}

export async function batchPreflight(c: JobConfig, sampleKey?: string): Promise<PreflightLine[]> {
  const iam = makeIamClient(c)
  try {
    return await Promise.all([checkRole(iam, c.batch_operations!.role_arn!), checkReportBucket(c), checkRoleAccess(iam, c, sampleKey)])
  } finally {
    iam.destroy()
  }
}
