import { describe, expect, it } from 'vitest'
import { jobNotice } from './job-notice'

describe('end-of-job notice', () => {
  it('is given only for jobs of a minute or more that ended', () => {
    expect(jobNotice('completed', 'spot klines', 59_999)).toBeNull()
    expect(jobNotice('running', 'spot klines', 120_000)).toBeNull()
    expect(jobNotice('completed', 'spot klines 1h', 125_000)).toEqual({ title: 'Archive Sync: copy finished', body: 'spot klines 1h — completed after 2 min.' })
    expect(jobNotice('failed', 'x', 60_000)?.body).toContain('open the report')
  })
})
