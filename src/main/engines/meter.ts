// What an engine measured, for the report's operations_reduced and network_transfer_reduction:
// every HTTP request it sent (each retry counts — it is a request S3 bills) and every byte that
// passed through this machine. Measured, never derived from the mode.
import type { S3Client } from '@aws-sdk/client-s3'
import { Transform } from 'node:stream'

export interface Meter {
  /** HTTP requests sent, retries included. */
  requests: number
  /** Bytes read from or written to S3 by this process (a server-side copy adds none). */
  hostBytes: number
}

export const newMeter = (): Meter => ({ requests: 0, hostBytes: 0 })

/** Counts every attempt: the middleware sits inside the SDK's retry loop (finalizeRequest, low priority). */
export function meterClient(client: S3Client, meter: Meter): S3Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      meter.requests += 1
      return next(args)
    },
    { step: 'finalizeRequest', priority: 'low', name: 'archiveSyncRequestMeter' },
  )
  return client
}

/** A pass-through that adds the bytes it sees to the meter. */
export const countBytes = (meter: Meter): Transform =>
  new Transform({
    transform(chunk: Buffer, _enc, cb) {
      meter.hostBytes += chunk.length
      cb(null, chunk)
    },
  })

/** The SDK reports attempts per request; a task's attempts are 1 + every retry of every request it made. */
export class Attempts {
  retries = 0
  add(out: { $metadata?: { attempts?: number } } | undefined): void {
    this.retries += Math.max(0, (out?.$metadata?.attempts ?? 1) - 1)
  }
  get total(): number {
    return 1 + this.retries
  }
}

/**
 * Requests the spec's traditional cycle would make for one object: a GET to download it, then a PUT
 * (or create + one request per part + complete when it is over one part).
 */
export function traditionalRequests(size: number, partBytes: number): number {
  const parts = Math.max(1, Math.ceil(size / partBytes))
  return 1 + (parts === 1 ? 1 : parts + 2)
}
