// What the Electron preload puts on window (contextBridge); absent in browser mode.
import type { GroupedApi } from '../../shared/contract'

declare global {
  interface Window {
    archiveSync?: GroupedApi
  }
}

export {}
