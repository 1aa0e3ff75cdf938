// The plan a job runs, persisted before the first copy (plan.ndjson: a header, then one line per
// task), so a resume knows what was planned without listing anything again. Written to a temp
// file, fsync'd and renamed: a crash leaves the whole plan or none.
import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { AppError } from '../../shared/contract'
import { planHeaderSchema, planTaskSchema, type PlanHeader } from '../../shared/journal'
import type { PlannedTask } from '../../shared/plan'
import type { PlanWithStats } from '../plan/make-plan'

const PLAN_FILE = 'plan.ndjson'

export async function writePlan(dir: string, meta: { jobId: string; configHash: string }, plan: PlanWithStats): Promise<void> {
  const path = join(dir, PLAN_FILE)
  const temp = `${path}.tmp`
  const header: PlanHeader = {
    type: 'plan',
    schemaVersion: 1,
    ...meta,
    createdAt: new Date().toISOString(),
    tasks: plan.tasks.length,
    listRequests: plan.listRequests,
    summary: plan.summary,
    extraneousKeys: plan.extraneousKeys,
    wildcards: plan.wildcards,
  }
  const fh = await open(temp, 'w')
  try {
    // Chunks of 1,000 lines: one write per chunk, not per task, and no 100 MB string for 100k tasks.
    const lines = [JSON.stringify(header)]
    for (const t of plan.tasks) {
      lines.push(JSON.stringify({ type: 'task', ...t }))
      if (lines.length >= 1000) await fh.write(lines.splice(0).join('\n') + '\n')
    }
    if (lines.length) await fh.write(lines.join('\n') + '\n')
    await fh.sync()
  } catch (err) {
    await fh.close()
    await rm(temp, { force: true })
    throw err
  }
  await fh.close()
  await rename(temp, path)
}

interface StoredPlan extends PlanWithStats {
  header: PlanHeader
}

export async function readPlan(dir: string, expect: { jobId: string; configHash: string }): Promise<StoredPlan> {
  const path = join(dir, PLAN_FILE)
  const input = createReadStream(path)
  const opened = once(input, 'open').catch((err: NodeJS.ErrnoException) => {
    throw new AppError('PLAN_MISSING', `No persisted plan at ${path} (${err.code ?? err.message}): the job stopped before its plan was saved; run it again`)
  })
  await opened
  let header: PlanHeader | undefined
  const tasks: PlannedTask[] = []
  let n = 0
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    n += 1
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new AppError('PLAN_CORRUPT', `${path} line ${n} is not JSON`)
    }
    if (n === 1) {
      const h = planHeaderSchema.safeParse(json)
      if (!h.success) throw new AppError('PLAN_CORRUPT', `${path} line 1 is not a plan header: ${h.error.issues[0]?.message}`)
      if (h.data.jobId !== expect.jobId) throw new AppError('PLAN_FOREIGN', `${path} belongs to job ${h.data.jobId}, not ${expect.jobId}`)
      if (h.data.configHash !== expect.configHash) throw new AppError('PLAN_FOREIGN', `${path} was planned for another configuration`)
      header = h.data
      continue
    }
    const t = planTaskSchema.safeParse(json)
    if (!t.success || t.data.id !== tasks.length) throw new AppError('PLAN_CORRUPT', `${path} line ${n} is not task ${tasks.length}`)
    const { type: _t, ...task } = t.data
    tasks.push(task)
  }
  if (!header) throw new AppError('PLAN_CORRUPT', `${path} is empty`)
  if (tasks.length !== header.tasks) throw new AppError('PLAN_CORRUPT', `${path} holds ${tasks.length} tasks, its header says ${header.tasks}`)
  return { header, tasks, missingKeys: header.summary.missingKeys, extraneousKeys: header.extraneousKeys, summary: header.summary, listRequests: header.listRequests, wildcards: header.wildcards ?? [] }
}
