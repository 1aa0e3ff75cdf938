import { describe, expect, it } from 'vitest'
import { isSinglePartEtag, parseChecksumFile } from './checksum'

const HEX = 'dd579c62368ded93d3f01a1904575b932279e32936e181c062763e605793c1c2'

describe('.CHECKSUM parsing (reference §1.6)', () => {
  it('reads the digest of the real 91-byte file, which has no trailing newline', () => {
    const text = `${HEX}  BTCUSDT-1m-2020-01-01.zip`
    expect(text).toHaveLength(91)
    expect(parseChecksumFile(text)).toBe(HEX)
  })
  it('accepts a trailing newline, CRLF, leading blanks and upper-case hex', () => {
    expect(parseChecksumFile(`${HEX}  EOHSummary.zip\n`)).toBe(HEX)
    expect(parseChecksumFile(`  ${HEX.toUpperCase()} *x.zip\r\n`)).toBe(HEX)
  })
  it('returns undefined for content that holds no digest', () => {
    expect(parseChecksumFile('')).toBeUndefined()
    expect(parseChecksumFile('<Error><Code>NoSuchKey</Code></Error>')).toBeUndefined()
    expect(parseChecksumFile(`${HEX.slice(1)}  short.zip`)).toBeUndefined()
  })
})

describe('ETags', () => {
  it('tells single-part ETags (an MD5) from multipart ones', () => {
    expect(isSinglePartEtag('9e107d9d372bb6826bd81d3542a419d6')).toBe(true)
    expect(isSinglePartEtag('9e107d9d372bb6826bd81d3542a419d6-3')).toBe(false)
    expect(isSinglePartEtag(undefined)).toBe(false)
  })
})
