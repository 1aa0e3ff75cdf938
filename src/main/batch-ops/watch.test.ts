import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JobDescriptor, S3ControlClient } from '@aws-sdk/client-s3-control'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readBatchState, writeBatchState, type BatchState } from './batch-store'
import { watchBatchJob } from './watch'

let dir: string
let state: BatchState
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-sync-watch-'))
  state = await writeBatchState(dir, {
    schemaVersion: 1,
    jobId: 'j',
    configHash: 'h',
    accountId: '111122223333',
    region: 'us-east-1',
    clientRequestToken: 'archive-sync-j',
    manifest: { bucket: 'r', key: 'm.csv', etag: '"e"', objects: 3 },
    sdkTaskIds: [],
    phase: 'submitted',
    s3JobId: '93735294-df46-44d5-8638-6356f335324e',
    failureReasons: [],
  })
})
afterEach(() => rm(dir, { recursive: true, force: true }))

/** DescribeJob answers (or errors) in turn, as S3 Control would. */
function control(answers: (JobDescriptor | Error)[]): { client: S3ControlClient; inputs: unknown[] } {
  const inputs: unknown[] = []
  const client = {
    send: async (cmd: { input: unknown }) => {
      inputs.push(cmd.input)
      const a = answers.shift()
      if (!a) throw new Error('no more answers')
      if (a instanceof Error) throw a
      return { Job: a }
    },
  } as unknown as S3ControlClient
  return { client, inputs }
}
const job = (Status: string, succeeded: number, failed = 0, extra: Partial<JobDescriptor> = {}): JobDescriptor =>
  ({ Status, ProgressSummary: { TotalNumberOfTasks: 3, NumberOfTasksSucceeded: succeeded, NumberOfTasksFailed: failed, Timers: { ElapsedTimeInActiveSeconds: succeeded } }, ...extra }) as JobDescriptor
const netErr = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })

describe('watchBatchJob', () => {
  it('polls DescribeJob with the account and job id until the job ends, writing each answer to batch.json', async () => {
    const { client, inputs } = control([job('Preparing', 0), job('Active', 1), job('Active', 2), job('Complete', 2, 1, { FailureReasons: [{ FailureCode: 'x', FailureReason: 'y' }] })])
    const seen: string[] = []
    const end = await watchBatchJob({ client, dir, state, delayMs: () => 0, onStatus: (s) => seen.push(`${s.status} ${s.progress.succeeded}/${s.progress.failed}`) })
    expect(seen).toEqual(['Preparing 0/0', 'Active 1/0', 'Active 2/0', 'Complete 2/1'])
    expect(inputs[0]).toEqual({ AccountId: '111122223333', JobId: '93735294-df46-44d5-8638-6356f335324e' })
    expect(end).toMatchObject({ status: 'Complete', progress: { total: 3, succeeded: 2, failed: 1, activeSeconds: 2 }, failureReasons: ['x: y'] })
    expect(await readBatchState(dir)).toMatchObject({ status: 'Complete', progress: { succeeded: 2, failed: 1 } })
  })

  it('backs off while nothing moves and comes back to the base delay when it does', async () => {
    const { client } = control([job('Active', 0), job('Active', 0), job('Active', 0), job('Active', 1), job('Complete', 3)])
    const attempts: number[] = []
    await watchBatchJob({ client, dir, state, delayMs: (n) => (attempts.push(n), 0), onStatus: () => undefined })
    expect(attempts).toEqual([0, 1, 2, 0])
  })

  it('waits out network errors, then gives up on a refusal (AccessDenied) with the error', async () => {
    const retries: string[] = []
    const { client } = control([netErr(), job('Active', 1), netErr(), job('Complete', 3)])
    await expect(watchBatchJob({ client, dir, state, delayMs: () => 0, onRetry: (m) => retries.push(m), onStatus: () => undefined })).resolves.toMatchObject({ status: 'Complete' })
    expect(retries).toHaveLength(2)
    expect(retries[0]).toMatch(/DescribeJob 93735294.* failed .*trying again \(1 of 10\)/)
    const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
    await expect(watchBatchJob({ client: control([denied]).client, dir, state, delayMs: () => 0, onStatus: () => undefined })).rejects.toThrow('Access Denied')
  })

  it('gives up after ten failed polls in a row', async () => {
    const { client, inputs } = control(Array.from({ length: 12 }, netErr))
    await expect(watchBatchJob({ client, dir, state, delayMs: () => 0, onStatus: () => undefined })).rejects.toThrow('socket hang up')
    expect(inputs).toHaveLength(11)
  })

  it('once: one DescribeJob, whatever the status', async () => {
    const { client, inputs } = control([job('Active', 1), job('Complete', 3)])
    expect(await watchBatchJob({ client, dir, state, once: true, onStatus: () => undefined })).toMatchObject({ status: 'Active' })
    expect(inputs).toHaveLength(1)
  })
})
