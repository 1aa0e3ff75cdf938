// Types for scripts/after-pack.mjs, which electron-builder loads as plain JavaScript.
import type { FuseConfig } from '@electron/fuses'

export declare const RELEASE_FUSES: Readonly<{
  RunAsNode: boolean
  EnableNodeOptionsEnvironmentVariable: boolean
  EnableNodeCliInspectArguments: boolean
  OnlyLoadAppFromAsar: boolean
  EnableCookieEncryption: boolean
}>
export declare function fuseConfig(electronPlatformName: string): FuseConfig
declare function afterPack(context: unknown): Promise<void>
export default afterPack
