// The fuses the after-pack hook flips on every packed Electron binary, and the config it hands
// to @electron/fuses (whose option numbers are the bit positions in the binary's fuse wire).
import { FuseV1Options, FuseVersion } from '@electron/fuses'
import { describe, expect, it } from 'vitest'
import afterPack, { fuseConfig, RELEASE_FUSES } from '../../scripts/after-pack.mjs'

describe('release fuses', () => {
  it('are exactly: no run-as-node, no NODE_OPTIONS, no inspect flags, asar only, encrypted cookies', () => {
    expect({ ...RELEASE_FUSES }).toStrictEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
    })
  })

  it('reach @electron/fuses by wire position, and nothing else is set', () => {
    const config = fuseConfig('linux') as unknown as Record<string, unknown>
    expect(config).toStrictEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    })
  })

  it('re-sign the macOS app ad hoc after flipping (arm64 Macs refuse an unsigned binary)', () => {
    expect(fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true)
    expect(fuseConfig('win32').resetAdHocDarwinSignature).toBe(false)
  })

  it('are flipped by the hook through electron-builder on the packed app', async () => {
    const calls: unknown[][] = []
    const context = {
      electronPlatformName: 'darwin',
      appOutDir: '/tmp/mac-arm64',
      packager: { addElectronFuses: async (...args: unknown[]) => void calls.push(args) },
    }
    await afterPack(context)
    expect(calls).toHaveLength(1)
    expect(calls[0][0]).toBe(context)
    expect(calls[0][1]).toStrictEqual(fuseConfig('darwin'))
  })
})
