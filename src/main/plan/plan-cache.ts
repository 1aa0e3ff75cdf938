// One plan per configuration (DESIGN §4): preview, coverage and start share it, so a selection is
// listed once and the job copies exactly the tasks the user was shown. Keyed by the config hash;
// a short time to live because the archive gains a day's files every day; bounded because a
// 1,000,000-task plan holds a few hundred MB.
import { randomUUID } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { AppError } from '../../shared/contract'
import type { JobConfig } from '../../shared/config/validate'
import type { PlanWithStats } from './make-plan'

export interface CachedPlan {
  planId: string
  configHash: string
  plan: PlanWithStats
}

interface Entry {
  planId: string
  /** Concurrent callers (preview and coverage arrive together) share one listing. */
  made: Promise<CachedPlan>
}

export interface PlanCacheOptions {
  ttlMs?: number
  max?: number
}

const PLAN_TTL_MS = 5 * 60_000

export class PlanCache {
  private readonly entries: LRUCache<string, Entry>

  constructor(
    private readonly make: (config: JobConfig) => Promise<PlanWithStats>,
    /** The job's config hash (the journal's): two configs that define one job share one plan. */
    private readonly hashConfig: (config: JobConfig) => string,
    opts: PlanCacheOptions = {},
  ) {
    this.entries = new LRUCache({ max: opts.max ?? 4, ttl: opts.ttlMs ?? PLAN_TTL_MS })
  }

  /** The plan for this config: the cached one while fresh, else one listing. `refresh` lists again. */
  get(config: JobConfig, opts: { refresh?: boolean } = {}): Promise<CachedPlan> {
    const configHash = this.hashConfig(config)
    const hit = opts.refresh ? undefined : this.entries.get(configHash)
    if (hit) return hit.made
    const planId = randomUUID()
    const made = this.make(config).then((plan) => ({ planId, configHash, plan }))
    this.entries.set(configHash, { planId, made })
    // A failed listing is not a plan: the next caller lists again.
    made.catch(() => {
      if (this.entries.peek(configHash)?.planId === planId) this.entries.delete(configHash)
    })
    return made
  }

  /**
   * The plan a job starts from, taken out of the cache (once copied from, the destination has
   * changed). With `planId`: exactly the plan that preview showed, refused when it has expired or
   * was made for another config. Without: the cached plan for this config, or none (the job then
   * lists its own and copies its first folders while later ones are listed).
   */
  take(config: JobConfig, planId?: string): Promise<CachedPlan> | undefined {
    const configHash = this.hashConfig(config)
    const entry = this.entries.get(configHash)
    if (planId !== undefined && entry?.planId !== planId) {
      const known = [...this.entries.values()].some((e) => e.planId === planId)
      throw known
        ? new AppError('PLAN_MISMATCH', 'The plan shown was made for another selection than the one sent: preview it again, then start')
        : new AppError('PLAN_EXPIRED', `The plan shown is no longer held (plans are kept ${Math.round(PLAN_TTL_MS / 60_000)} minutes, until a job starts from them): refresh the preview, then start`)
    }
    this.entries.delete(configHash)
    return entry?.made
  }

  /** Every job that ends changes some destination: later previews list again. */
  clear(): void {
    this.entries.clear()
  }
}
