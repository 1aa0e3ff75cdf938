import { describe, expect, it } from 'vitest'
import { classifyS3Error } from './classify'

describe('classifyS3Error', () => {
  it.each([
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, 'NoCredentials'],
    [{ name: 'NoSuchBucket', message: 'The specified bucket does not exist' }, 'NoSuchBucket'],
    [{ name: 'NotFound', $metadata: { httpStatusCode: 404 } }, 'NoSuchBucket'],
    [{ name: 'AccessDenied', message: 'Access Denied' }, 'AccessDenied'],
    [{ name: 'Forbidden', $metadata: { httpStatusCode: 403 } }, 'AccessDenied'],
    [{ name: 'InvalidAccessKeyId', message: 'nope' }, 'InvalidAccessKeyId'],
    [{ name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'EndpointConnectionError'],
    [{ name: 'TimeoutError', message: 'timed out' }, 'EndpointConnectionError'],
    [new Error('something else'), 'Unknown'],
  ])('%o → %s', (err, code) => {
    expect(classifyS3Error(err).code).toBe(code)
  })
})
