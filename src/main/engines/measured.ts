// The measured side of the report's efficiency figures: what the spec's traditional cycle would have
// cost for the objects this run synced, against what the engine counted. The baseline run it is
// compared with is read from past jobs by jobs/baseline.ts.
import type { JobConfig } from '../../shared/config/validate'
import type { ReportInput } from '../../shared/report'
import type { TransferEngine } from './types'
import { traditionalRequests } from './meter'

export class TraditionalTally {
  private requests = 0
  private readonly partBytes: number
  private readonly local: boolean

  constructor(config: Pick<JobConfig, 'output_directory' | 'performance_optimization'>) {
    this.partBytes = Math.max(5, config.performance_optimization.part_size_mb) * 1024 * 1024
    this.local = Boolean(config.output_directory)
  }

  /** One synced object: a local download is a GET either way; an S3 destination adds the upload. */
  add(size: number): void {
    this.requests += this.local ? 1 : traditionalRequests(size, this.partBytes)
  }

  measured(engine: Pick<TransferEngine, 'meter'>, bytesSynced: number): ReportInput['measured'] {
    if (!engine.meter) return undefined
    return {
      requestsMade: engine.meter.requests,
      traditionalRequests: this.requests,
      hostBytes: engine.meter.hostBytes,
      traditionalHostBytes: bytesSynced * (this.local ? 1 : 2),
    }
  }
}
