// The committed icon set: complete, every size what its name or table entry says, and what
// `npm run icons` makes from resources/icon.svg today. The containers are read here with their
// own small readers, not with the writers in scripts/make-icons.ts, so a writer bug shows.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ICNS_TYPES, ICO_SIZES, PNG_SIZES, RESOURCES, renderIconSet } from '../../scripts/make-icons'

const read = (name: string): Buffer => readFileSync(join(RESOURCES, name))
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from a PNG's IHDR chunk (the first chunk, right after the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true)
  expect(png.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

function readIco(ico: Buffer): { declared: number; png: Buffer }[] {
  expect(ico.readUInt16LE(0)).toBe(0)
  expect(ico.readUInt16LE(2)).toBe(1) // 1 = icon (2 would be a cursor)
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i
    const declared = ico.readUInt8(at) || 256
    expect(ico.readUInt8(at + 1) || 256, 'height byte').toBe(declared)
    const length = ico.readUInt32LE(at + 8)
    const offset = ico.readUInt32LE(at + 12)
    expect(offset + length).toBeLessThanOrEqual(ico.length)
    return { declared, png: ico.subarray(offset, offset + length) }
  })
}

function readIcns(icns: Buffer): Map<string, Buffer> {
  expect(icns.toString('latin1', 0, 4)).toBe('icns')
  expect(icns.readUInt32BE(4)).toBe(icns.length)
  const entries = new Map<string, Buffer>()
  for (let at = 8; at < icns.length; ) {
    const length = icns.readUInt32BE(at + 4)
    expect(length).toBeGreaterThan(8)
    entries.set(icns.toString('latin1', at, at + 4), icns.subarray(at + 8, at + length))
    at += length
  }
  return entries
}

describe('app icon', () => {
  it('has one PNG per size in resources/icons, each exactly the size its name says', () => {
    const names = readdirSync(join(RESOURCES, 'icons')).sort()
    expect(names).toEqual(PNG_SIZES.map((s) => `${s}x${s}.png`).sort())
    for (const name of names) {
      const [w, h] = name.replace('.png', '').split('x').map(Number)
      expect(pngSize(read(`icons/${name}`)), name).toEqual({ width: w, height: h })
    }
    expect(PNG_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 256, 512]))
  })

  it('has a 512 px icon.png for the window', () => {
    expect(pngSize(read('icon.png'))).toEqual({ width: 512, height: 512 })
  })

  it('has an .ico with 16 to 256 px images, each as large as its table entry says', () => {
    const images = readIco(read('icon.ico'))
    expect(images.map((i) => i.declared)).toEqual([...ICO_SIZES])
    expect(ICO_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 256]))
    for (const { declared, png } of images) expect(pngSize(png)).toEqual({ width: declared, height: declared })
  })

  it('has an .icns with every type from 16 px to 1024 px (512@2x), each PNG the size of its type', () => {
    const entries = readIcns(read('icon.icns'))
    expect([...entries.keys()].sort()).toEqual(Object.keys(ICNS_TYPES).sort())
    // Apple's fixed sizes per type, written out here rather than taken from the script.
    const apple: Record<string, number> = {
      icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512,
      ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512,
    }
    for (const [type, png] of entries) expect(pngSize(png), type).toEqual({ width: apple[type], height: apple[type] })
  })

  // The committed files were rasterised on linux-x64; resvg's SIMD paths may round differently
  // on other processors, so elsewhere a byte comparison would report drift that is not there.
  it.skipIf(`${process.platform}-${process.arch}` !== 'linux-x64')('is what `npm run icons` derives from resources/icon.svg (rerun it after editing the SVG)', () => {
    const fresh = renderIconSet(read('icon.svg'))
    expect(fresh.size).toBe(PNG_SIZES.length + 3)
    for (const [name, bytes] of fresh) expect(read(name).equals(bytes), `${name} is stale`).toBe(true)
  })
})
