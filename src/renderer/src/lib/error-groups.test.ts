import { describe, expect, it } from 'vitest'
import { ERROR_CLASSES } from '../../../shared/errors/table'
import { groupErrors } from './error-groups'

describe('groupErrors', () => {
  it('counts per class, biggest first, with the most frequent messages and a fix', () => {
    const groups = groupErrors([
      { errorClass: 'network', message: 'ECONNRESET' },
      { errorClass: 'permission', message: 'AccessDenied' },
      { errorClass: 'permission', message: 'AccessDenied' },
      { errorClass: 'permission', message: 'Forbidden' },
    ])
    expect(groups.map((g) => [g.errorClass, g.count])).toEqual([
      ['permission', 3],
      ['network', 1],
    ])
    expect(groups[0].examples).toEqual(['AccessDenied', 'Forbidden'])
    expect(groups[0].fix).toMatch(/IAM/)
    // The panel's words are the error table's, not a copy.
    expect(groups.map((g) => [g.title, g.fix])).toEqual([
      [ERROR_CLASSES.permission.title, ERROR_CLASSES.permission.fix],
      [ERROR_CLASSES.network.title, ERROR_CLASSES.network.fix],
    ])
  })
})
