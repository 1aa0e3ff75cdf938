// electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of the
// packed binary before it is signed and wrapped in an installer. Fuses are bits in the Electron
// executable itself, so they hold whatever the environment or command line of a user's machine says.
// @electron/fuses 1.x: the version electron-builder 26 itself uses; 2.x needs Node 22 to run.
import { FuseV1Options, FuseVersion } from '@electron/fuses'

/** The release fuses, by @electron/fuses option name. */
export const RELEASE_FUSES = Object.freeze({
  // No `ELECTRON_RUN_AS_NODE=1 "Archive Sync"` turning the signed app into a general Node
  // runtime. (So the packaged app cannot start the demo's s3rver child the way
  // src/main/dev/s3-server.ts does under Electron; the demo is the CLI's.)
  RunAsNode: false,
  // NODE_OPTIONS could --require arbitrary code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk would open a debugger on the main process, which holds credentials.
  EnableNodeCliInspectArguments: false,
  // Load the app only from the signed app.asar, never from a loose app/ folder beside it.
  OnlyLoadAppFromAsar: true,
  // Cookies and local storage encrypted at rest with the OS keychain key.
  EnableCookieEncryption: true,
})

/** The @electron/fuses config for one packed app. */
export function fuseConfig(electronPlatformName) {
  const config = {
    version: FuseVersion.V1,
    // Flipping a fuse changes the binary, which voids macOS's ad-hoc signature; arm64 Macs run
    // no unsigned code, so re-sign ad hoc (a real identity signs afterwards where configured).
    resetAdHocDarwinSignature: electronPlatformName === 'darwin',
  }
  for (const [name, value] of Object.entries(RELEASE_FUSES)) config[FuseV1Options[name]] = value
  return config
}

async function afterPack(context) {
  // electron-builder's own helper finds the executable (Name.app, Name.exe, or the Linux
  // executable name) and flips with the @electron/fuses it depends on.
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName))
}

export default afterPack
