// `npm run icons`: every icon file in resources/ derived from the one source image,
// resources/icon.svg. The outputs are committed, so packaging needs no generation step; rerun
// this after editing the SVG (the icon test fails until you do).
//
// Each size is rasterised from the vector by resvg rather than scaled down from one large bitmap
// (what png2icons and icon-gen do), so 16 and 32 px stay crisp. The .ico and .icns containers are
// written here: both are a small header and a table around whole PNG files (Windows reads PNG
// entries since Vista, macOS reads PNG entries for every type used below), a few lines each.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Resvg } from '@resvg/resvg-js'

export const RESOURCES = fileURLToPath(new URL('../resources/', import.meta.url))

/** The Linux icon set (electron-builder reads `NxN.png` names from `linux.icon`'s folder). */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const
/** Windows shows 16–48 in lists and the taskbar, 256 in large views and the installer. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const
/** ICNS entry type → pixel size (Apple's types for PNG payloads; ic11–ic14 are the @2x ones). */
export const ICNS_TYPES = {
  icp4: 16, ic11: 32, icp5: 32, ic12: 64, icp6: 64, ic07: 128,
  ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024,
} as const

export function renderPng(svg: Buffer | string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng())
}

export function writeIco(pngs: ReadonlyMap<number, Buffer>): Buffer {
  // ICONDIR (reserved 0, type 1 = icon, count), then one 16-byte ICONDIRENTRY per image.
  const entries = [...pngs]
  const header = Buffer.alloc(6 + 16 * entries.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(entries.length, 4)
  let offset = header.length
  entries.forEach(([size, png], i) => {
    const at = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, at) // width; 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1) // height
    header.writeUInt16LE(1, at + 4) // colour planes
    header.writeUInt16LE(32, at + 6) // bits per pixel
    header.writeUInt32LE(png.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...entries.map(([, png]) => png)])
}

export function writeIcns(pngs: ReadonlyMap<number, Buffer>): Buffer {
  // 'icns' + total length (big-endian), then per entry: 4-char type + entry length + PNG bytes.
  const parts = Object.entries(ICNS_TYPES).map(([type, size]) => {
    const png = pngs.get(size)
    if (!png) throw new Error(`no ${size}px PNG for icns type ${type}`)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

/** Every derived file, keyed by its path under resources/. */
export function renderIconSet(svg: Buffer | string): Map<string, Buffer> {
  const pngs = new Map<number, Buffer>(PNG_SIZES.map((size) => [size, renderPng(svg, size)]))
  const pick = (sizes: readonly number[]) => new Map(sizes.map((s) => [s, pngs.get(s)!] as const))
  const files = new Map<string, Buffer>()
  for (const [size, png] of pngs) files.set(`icons/${size}x${size}.png`, png)
  // The window icon, and electron-builder's fallback when a platform names no icon.
  files.set('icon.png', pngs.get(512)!)
  files.set('icon.ico', writeIco(pick(ICO_SIZES)))
  files.set('icon.icns', writeIcns(pick([...new Set(Object.values(ICNS_TYPES))])))
  return files
}

async function main(): Promise<void> {
  const svg = await readFile(join(RESOURCES, 'icon.svg'))
  for (const [name, bytes] of renderIconSet(svg)) {
    const path = join(RESOURCES, name)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, bytes)
    process.stdout.write(`${name} ${bytes.length} bytes\n`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
