import type { IAMClient } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { validateConfig, type JobConfig } from '../../shared/config/validate'
import { checkRole, checkRoleAccess } from './preflight'
import { rolePolicy, trustsBatchOperations, TRUST_POLICY } from './trust'

const ARN = 'arn:aws:iam::111122223333:role/archive-sync-batch'
const enc = (o: object) => encodeURIComponent(JSON.stringify(o))

/** An IAM client that answers each command by its name, as the service would. */
function fakeIam(answer: (name: string, input: Record<string, unknown>) => unknown): IAMClient {
  return { send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => answer(cmd.constructor.name, cmd.input) } as unknown as IAMClient
}

function config(): JobConfig {
  const r = validateConfig(
    {
      enable_s3_direct_sync: true,
      operation_mode: 'batch_operations',
      destination_bucket: 'my-lake',
      markets: ['spot'],
      symbols: ['BTCUSDT'],
      data_types: ['klines'],
      intervals: ['1h'],
      date_range: { start: '2024-03-01', end: '2024-03-02' },
      batch_operations: { account_id: '111122223333', role_arn: ARN, report_bucket: 'my-reports' },
    },
    { now: new Date('2024-06-15T00:00:00Z'), jobFile: true },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

describe('the role\'s trust policy', () => {
  it('accepts the documented trust policy (URL-encoded, as GetRole returns it) and refuses one for another service', () => {
    expect(trustsBatchOperations(enc(TRUST_POLICY))).toEqual({ ok: true, why: 'trusts batchoperations.s3.amazonaws.com' })
    const lambda = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }
    expect(trustsBatchOperations(enc(lambda)).ok).toBe(false)
    const denied = { Statement: [{ Effect: 'Deny', Principal: { Service: ['batchoperations.s3.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] }
    expect(trustsBatchOperations(enc(denied)).ok).toBe(false)
    expect(trustsBatchOperations(undefined).why).toBe('the role has no trust policy')
  })

  it('the role policy grants the reads and writes the copy needs on the three buckets', () => {
    const p = rolePolicy({ source: 'data.binance.vision', destination: 'my-lake', reports: 'my-reports' }) as { Statement: { Action: string[]; Resource: string[] }[] }
    expect(p.Statement[0].Action).toContain('s3:GetObject')
    expect(p.Statement[0].Resource).toContain('arn:aws:s3:::data.binance.vision/*')
    expect(p.Statement[1]).toMatchObject({ Action: expect.arrayContaining(['s3:PutObject']), Resource: ['arn:aws:s3:::my-lake/*'] })
  })
})

describe('batch pre-flight lines', () => {
  it('ok for a role that trusts Batch Operations, fail with the trust policy to set otherwise, fail for no role', async () => {
    const ok = await checkRole(fakeIam(() => ({ Role: { Arn: ARN, AssumeRolePolicyDocument: enc(TRUST_POLICY) } })), ARN)
    expect(ok).toMatchObject({ check: 'batch-role', status: 'ok' })
    const wrong = await checkRole(fakeIam(() => ({ Role: { Arn: ARN, AssumeRolePolicyDocument: enc({ Statement: [] }) } })), ARN)
    expect(wrong).toMatchObject({ status: 'fail', code: 'RoleTrust' })
    expect(wrong.fix).toContain('batchoperations.s3.amazonaws.com')
    const none = await checkRole(
      fakeIam((name, input) => {
        expect([name, input.RoleName]).toEqual(['GetRoleCommand', 'archive-sync-batch'])
        throw Object.assign(new Error('The role with name archive-sync-batch cannot be found.'), { name: 'NoSuchEntityException' })
      }),
      ARN,
    )
    expect(none).toMatchObject({ status: 'fail', code: 'NoSuchRole' })
  })

  it('simulates the role\'s own policies, and says the source bucket\'s policy is only AWS\'s to answer', async () => {
    const asked: string[] = []
    const allowed = await checkRoleAccess(
      fakeIam((_n, input) => {
        asked.push(`${(input.ActionNames as string[])[0]} ${(input.ResourceArns as string[])[0]}`)
        return { EvaluationResults: [{ EvalDecision: 'allowed' }] }
      }),
      config(),
      'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip',
    )
    expect(asked).toEqual([
      's3:GetObject arn:aws:s3:::data.binance.vision/data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip',
      's3:PutObject arn:aws:s3:::my-lake/data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip',
      's3:PutObject arn:aws:s3:::my-reports/archive-sync/batch/job-x/manifest.json',
    ])
    expect(allowed).toMatchObject({ check: 'batch-source', status: 'warn', code: 'OnlyAwsKnows' })
    expect(allowed.detail).toMatch(/only the job's first tasks/)
    const denied = await checkRoleAccess(fakeIam(() => ({ EvaluationResults: [{ EvalDecision: 'implicitDeny' }] })), config())
    expect(denied).toMatchObject({ status: 'fail', code: 'RolePolicy' })
    expect(denied.detail).toContain('implicitDeny')
  })
})
