// The S3 Control and IAM clients of the Batch Operations mode, beside the S3 clients (clients.ts):
// the same credentials (the destination account's), the same retry delays. S3 Control is
// regional (the job runs in the destination's region, "Copy objects" in the S3 user guide); IAM
// is global (us-east-1 signs it).
import { IAMClient } from '@aws-sdk/client-iam'
import { S3ControlClient, type S3ControlClientConfig } from '@aws-sdk/client-s3-control'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { backoffDelay, REQUEST_BACKOFF } from '../../shared/backoff'
import type { JobConfig } from '../../shared/config/validate'
import { destinationEndpoint } from './clients'

const retryStrategy = () => new ConfiguredRetryStrategy(4, (attempt) => backoffDelay(attempt - 1, REQUEST_BACKOFF))

function signing(c: JobConfig) {
  const d = destinationEndpoint(c)
  return { ...(d.credentials ? { credentials: d.credentials } : {}), ...(d.profile && !d.credentials ? { profile: d.profile } : {}) }
}

export function makeS3ControlClient(c: JobConfig, opts: Pick<S3ControlClientConfig, 'requestHandler'> = {}): S3ControlClient {
  const endpoint = c.batch_operations?.control_endpoint_url
  return new S3ControlClient({
    region: c.s3_config.region,
    ...signing(c),
    // S3 Control puts the account id in the host (<account>.s3-control.<region>.amazonaws.com).
    // A custom endpoint (a stand-in, a VPC endpoint URL) takes the requests as given:
    // disableHostPrefix drops the operation's host prefix, and the endpoint rules, which would
    // prepend `<AccountId>.` to the custom host too (for 127.0.0.1 no host at all), are replaced by
    // the URL itself.
    ...(endpoint ? { endpoint, disableHostPrefix: true, endpointProvider: () => ({ url: new URL(endpoint) }) } : {}),
    retryStrategy: retryStrategy(),
    ...opts,
  })
}

export function makeIamClient(c: JobConfig): IAMClient {
  const endpoint = c.batch_operations?.iam_endpoint_url
  return new IAMClient({ region: 'us-east-1', ...signing(c), ...(endpoint ? { endpoint } : {}), retryStrategy: retryStrategy() })
}
