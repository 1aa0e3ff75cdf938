// How a job takes in its plan: whole (a preview's, a resume's) or chunk by chunk while its listing
// goes on (make-plan's onTasks). Each chunk joins `tasks` and is counted where the job counts
// (ledger, proof, progress totals); what this session must copy goes to the engine's feed in plan
// order, and an object the destination already has is recorded as skipped as it comes.
import type { PlannedTask } from '../../shared/plan'
import type { WildcardRun } from '../../shared/plan-wildcards'
import { createTaskFeed } from '../engines/task-feed'
import type { PlanWithStats } from '../plan/make-plan'

export interface IntakeSinks {
  /** Finished by an earlier session: not handed on again. */
  isDone(id: number): boolean
  /** The plan gained these tasks (already in `tasks`). */
  gained(chunk: readonly PlannedTask[]): void
  /** Already at the destination. */
  skipped(t: PlannedTask): void
  /** Handed to the engine: this session copies them. */
  copying(todo: readonly PlannedTask[]): void
}

export function planIntake() {
  // The plan as far as it is known: task i at index i.
  const tasks: PlannedTask[] = []
  const feed = createTaskFeed()
  let runs: readonly WildcardRun[] = []
  let sinks: IntakeSinks | undefined
  let open = false
  let streamed = false
  // Chunks planned before the job opened the stream (none, as a listing takes a round trip) wait here.
  const early: (readonly PlannedTask[])[] = []
  let firstKey: string | undefined
  let onFirst: (key: string) => void = () => undefined
  const handedOne = new Promise<string>((resolve) => (onFirst = resolve))

  const count = (chunk: readonly PlannedTask[]) => {
    for (const t of chunk) tasks.push(t)
    sinks!.gained(chunk)
  }
  const hand = (chunk: readonly PlannedTask[]) => {
    const todo: PlannedTask[] = []
    for (const t of chunk) {
      if (sinks!.isDone(t.id)) continue
      if (t.skip) sinks!.skipped(t)
      else todo.push(t)
    }
    if (todo.length === 0) return
    sinks!.copying(todo)
    if (firstKey === undefined) onFirst((firstKey = todo[0].sourceKey))
    feed.push(todo)
  }
  const whole = (plan: PlanWithStats) => {
    runs = plan.wildcards
    count(plan.tasks)
  }

  return {
    tasks: tasks as readonly PlannedTask[],
    feed,
    /** The plan's wildcard runs: make-plan's own list, which grows with the plan. */
    get runs() {
      return runs
    },
    /** Where counted tasks go: given once the job's ledger, proof and totals exist (they read `tasks`). */
    attach(s: IntakeSinks) {
      sinks = s
    },
    /** make-plan's onTasks: a chunk is counted and handed on at once, once the stream is open. */
    onTasks(chunk: readonly PlannedTask[], w: readonly WildcardRun[]) {
      runs = w
      streamed = true
      if (!open) return void early.push(chunk)
      count(chunk)
      hand(chunk)
    },
    /** A complete plan, counted but not handed on: a resume first applies what earlier sessions did. */
    whole,
    /** Every task counted so far, handed on (a resume's, once its earlier sessions are applied). */
    handAll: () => hand(tasks),
    /** From now on chunks are handed on as they come; a plan that never streamed comes whole once made. */
    stream(planned: Promise<PlanWithStats>) {
      open = true
      for (const chunk of early.splice(0)) {
        count(chunk)
        hand(chunk)
      }
      void planned.then((p) => streamed || (whole(p), hand(p.tasks)), () => undefined)
    },
    /** The first object handed to the engine (the route's probe reads it), or none once the plan is made without one. */
    first: (planned: Promise<PlanWithStats>) => Promise.race([handedOne, planned.then(() => firstKey)]),
  }
}
