import { describe, expect, it } from 'vitest'
import { nameFilter } from './name-filter'

const f = (include_patterns: string[], exclude_patterns: string[] = []) => nameFilter({ include_patterns, exclude_patterns })

describe('nameFilter (fnmatch on file names)', () => {
  it('keeps everything without patterns', () => {
    expect(f([])('BTCUSDT-1h-2024-03-01.zip')).toBe(true)
  })

  it('matches *, ? and character classes, including [!seq]', () => {
    expect(f(['*-2024-03-0?.zip'])('BTCUSDT-1h-2024-03-05.zip')).toBe(true)
    expect(f(['*-2024-03-0?.zip'])('BTCUSDT-1h-2024-03-15.zip')).toBe(false)
    expect(f(['BTC*-1h-2024-0[1-3]-*.zip'])('BTCUSDT-1h-2024-02-10.zip')).toBe(true)
    expect(f(['*-2024-0[!1]-*'])('X-1h-2024-01-01.zip')).toBe(false)
    expect(f(['*-2024-0[!1]-*'])('X-1h-2024-02-01.zip')).toBe(true)
  })

  it('drops what an exclude pattern matches, after includes', () => {
    const keep = f(['*.zip'], ['*-2024-03-0[1-3].zip'])
    expect(keep('X-1h-2024-03-02.zip')).toBe(false)
    expect(keep('X-1h-2024-03-04.zip')).toBe(true)
  })

  it('treats braces and globstars literally, as fnmatch does', () => {
    expect(f(['{a,b}.zip'])('a.zip')).toBe(false)
    expect(f(['{a,b}.zip'])('{a,b}.zip')).toBe(true)
  })
})
