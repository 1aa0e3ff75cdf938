// One plan bench in a process of its own (bench/plan.ts benchPlanIsolated): prints its row as JSON.
import { benchPlan } from './plan'

const tasks = Number(process.argv[2])
if (tasks !== 100_000 && tasks !== 1_000_000) throw new Error(`plan-child: 100000 or 1000000 tasks, not ${process.argv[2]}`)
process.stdout.write(`${JSON.stringify(benchPlan(tasks))}\n`)
