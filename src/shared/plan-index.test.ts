import { describe, expect, it } from 'vitest'
import { indexListing } from './plan-index'

const zip = 'data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip'
const o = (key: string, size = 1) => ({ key, size })

describe('indexListing', () => {
  it('finds objects by key, undefined for keys not listed', () => {
    const ix = indexListing([o(zip), o(`${zip}.CHECKSUM`)])
    expect(ix.get(zip)).toEqual(o(zip))
    expect(ix.get(`${zip}.x`)).toBeUndefined()
  })

  it('finds the checksum listed right after its zip', () => {
    const objects = [o(zip), o(`${zip}.CHECKSUM`, 91)]
    expect(indexListing(objects).checksumOf(objects[0])).toBe(objects[1])
  })

  it('finds a checksum listed anywhere else, and none when it is not listed', () => {
    const objects = [o(`${zip}.CHECKSUM`, 91), o('data/other.txt'), o(zip)]
    expect(indexListing(objects).checksumOf(objects[2])).toBe(objects[0])
    const alone = [o(zip), o(`${zip}-other.zip.CHECKSUM`)]
    expect(indexListing(alone).checksumOf(alone[0])).toBeUndefined()
  })

  it('does not take a neighbour that only looks like the checksum', () => {
    const objects = [o(zip), o(`${zip}.CHECKSUMS`), o(`${zip.replace('03-01', '03-02')}.CHECKSUM`)]
    expect(indexListing(objects).checksumOf(objects[0])).toBeUndefined()
  })

  it('with a key listed twice, the last one wins for zips and checksums alike', () => {
    const objects = [o(zip, 1), o(`${zip}.CHECKSUM`, 2), o(zip, 3), o(`${zip}.CHECKSUM`, 4)]
    const ix = indexListing(objects)
    expect(ix.get(zip)?.size).toBe(3)
    expect(ix.checksumOf(objects[0])?.size).toBe(4)
  })
})
